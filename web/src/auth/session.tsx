import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setToken } from '../api/client';
import type { DemoUser } from './demo-users';

export interface Session {
  user: DemoUser;
  token: string;
}

interface SessionApi {
  session: Session | null;
  signIn: (userId: string) => Promise<Session>;
  signOut: () => void;
}

const KEY = 'ftt.session';
const SessionContext = createContext<SessionApi | null>(null);

const expiresAt = (token: string): number => {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
    };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
};

/** A session kept per browser tab; an expired token is dropped rather than sent. */
const restore = (): Session | null => {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (s && expiresAt(s.token) > Date.now() + 60_000) return s;
  } catch {
    // a corrupt entry is the same as none
  }
  sessionStorage.removeItem(KEY);
  return null;
};

const initial = restore();
setToken(initial?.token ?? null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [session, setSession] = useState<Session | null>(initial);

  const signIn = useCallback(async (userId: string) => {
    const res = await fetch('/demo-auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    const body = (await res.json().catch(() => ({}))) as { token?: string; user?: DemoUser; detail?: string };
    if (!res.ok || !body.token || !body.user)
      throw new Error(body.detail ?? `sign-in failed (HTTP ${res.status})`);
    const s = { token: body.token, user: body.user };
    sessionStorage.setItem(KEY, JSON.stringify(s));
    setToken(s.token);
    setSession(s);
    return s;
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(null);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionApi => {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
};
