import { useEffect, useSyncExternalStore } from 'react';
import { identity } from '../api/identity';
import type { Account } from '../api/types';
import { applyAccountLanguage, choiceStamp } from '../i18n';

/**
 * Whether this browser is signed in to identity (its session cookie, which scripts cannot read), and as whom: the
 * account pages and the header's account menu read it here.
 *
 * The header asks identity only when this browser signed in through these pages before (a mark in localStorage), so
 * a visitor who never signed in sends no request: the app also runs without identity (the demo sign-in). The
 * account pages always ask, once per page load.
 */
export type IdentityState =
  /** identity has not answered yet (or, without the mark, was not asked: `checked` false) */
  | { status: 'unknown' }
  | { status: 'signed-out'; checked: boolean }
  | { status: 'signed-in'; account: Account }
  | { status: 'error'; error: unknown };

const MARK = 'ftt.identity.signed-in';
const hasMark = (): boolean => {
  try {
    return localStorage.getItem(MARK) === '1';
  } catch {
    return false;
  }
};
const setMark = (on: boolean): void => {
  try {
    if (on) localStorage.setItem(MARK, '1');
    else localStorage.removeItem(MARK);
  } catch {
    // a browser without storage: the header does not know, the account pages still ask
  }
};

let state: IdentityState = hasMark() ? { status: 'unknown' } : { status: 'signed-out', checked: false };
const listeners = new Set<() => void>();
const set = (next: IdentityState, stamp?: number) => {
  state = next;
  // the language the person chose in their account is the pages' language (i18n/index.tsx)
  if (next.status === 'signed-in') applyAccountLanguage(next.account.language, stamp);
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

let asking: Promise<IdentityState> | null = null;

/** Asks identity who this browser is signed in as (one request at a time); the answer goes to every reader. */
export const refreshIdentity = (): Promise<IdentityState> => {
  const stamp = choiceStamp();
  asking ??= identity.session().then(
    ({ account }) => {
      asking = null;
      const next: IdentityState = account
        ? { status: 'signed-in', account }
        : { status: 'signed-out', checked: true };
      setMark(next.status === 'signed-in');
      set(next, stamp);
      return next;
    },
    (error: unknown) => {
      asking = null;
      const next: IdentityState = { status: 'error', error };
      set(next);
      return next;
    },
  );
  return asking;
};

/** After a sign-out (here or everywhere): nobody is signed in on this browser any more. */
export const forgetIdentity = (): void => {
  setMark(false);
  set({ status: 'signed-out', checked: true });
};

/** Whether `s` still waits for identity's answer (for a page that asks). */
export const pending = (s: IdentityState, asks: boolean): boolean =>
  s.status === 'unknown' || (asks && s.status === 'signed-out' && !s.checked);

/**
 * The identity session as React state. `ask`: the page asks identity afresh when it opens (the account pages: a
 * session made or changed elsewhere, a new email confirmed in another tab); the header passes false and so asks
 * only when the mark says this browser signed in before and nobody asked yet.
 */
export const useIdentity = (ask = false): IdentityState => {
  const current = useSyncExternalStore(subscribe, () => state);
  const needed = ask || current.status === 'unknown';
  useEffect(() => {
    if (!needed) return;
    // a microtask later, as useAsync does: StrictMode's synchronous remount must not ask twice
    let dropped = false;
    void Promise.resolve().then(() => {
      if (!dropped) void refreshIdentity();
    });
    return () => {
      dropped = true;
    };
  }, [needed]);
  return current;
};
