import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { setToken, setTokenRefresher } from '../api/client';
import type { DemoMembership, Role } from './demo-users';

/**
 * Signed in through identity (issue #28): email and password (and a second factor's code when identity asks for one)
 * make a session there, kept in identity's cookie (httpOnly, never readable here); the services are called with a
 * short-lived access token that identity hands out from that session (GET /api/identity/api/auth/token), fetched
 * again before it expires. The web app holds no secret and mints nothing.
 */
export interface SessionUser {
  userId: string;
  name: string;
  /** The place the person lands and the header shows: operator, farm, partner, else buyer. */
  role: Role;
  /** Every place their memberships open (everyone with the buyer membership shops). */
  roles: Role[];
  /** Their logistics partners' first region (open shipments are shown there). */
  region?: string;
  farmIds: string[];
  partnerIds: string[];
  memberships: DemoMembership[];
}

export interface Session {
  user: SessionUser;
  token: string;
}

export type SignInResult = { status: 'signed-in'; session: Session } | { status: 'second-factor' };

interface SessionApi {
  session: Session | null;
  /** Email and password; identity may ask for a second factor's code next (`verifyCode`). */
  signIn: (email: string, password: string) => Promise<SignInResult>;
  verifyCode: (code: string) => Promise<Session>;
  signOut: () => Promise<void>;
}

const KEY = 'ftt.session';
const IDENTITY = '/api/identity/api/auth';
const SessionContext = createContext<SessionApi | null>(null);

/** identity's answer as an Error with its problem's detail (and how long to wait, on 429). */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const claimsOf = (token: string): { sub?: string; name?: string; exp?: number; memberships?: DemoMembership[] } => {
  try {
    const bytes = Uint8Array.from(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    return JSON.parse(new TextDecoder().decode(bytes)) as ReturnType<typeof claimsOf>;
  } catch {
    return {};
  }
};

const expiresAt = (token: string): number => (claimsOf(token).exp ?? 0) * 1000;

/** What the token's memberships make the person, in the words of the screens. */
export const userOf = (token: string): SessionUser => {
  const c = claimsOf(token);
  const memberships = c.memberships ?? [];
  const roles: Role[] = [];
  if (memberships.some((m) => m.kind === 'buyer')) roles.push('buyer');
  if (memberships.some((m) => m.kind === 'farm')) roles.push('farmer');
  if (memberships.some((m) => m.kind === 'partner')) roles.push('logistics');
  if (memberships.some((m) => m.kind === 'operator')) roles.push('admin');
  const role: Role = roles.includes('admin')
    ? 'admin'
    : roles.includes('farmer')
      ? 'farmer'
      : roles.includes('logistics')
        ? 'logistics'
        : 'buyer';
  const partners = memberships.flatMap((m) => (m.kind === 'partner' ? [m] : []));
  return {
    userId: c.sub ?? '',
    name: c.name ?? 'you',
    role,
    roles,
    ...(partners[0]?.regions[0] ? { region: partners[0].regions[0] } : {}),
    farmIds: memberships.flatMap((m) => (m.kind === 'farm' ? [m.farmId] : [])),
    partnerIds: partners.map((m) => m.partnerId),
    memberships,
  };
};

const identity = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> => {
  let res: Response;
  try {
    res = await fetch(IDENTITY + path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new SignInError(0, 'cannot reach the sign-in service; try again shortly');
  }
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // a proxy's error page: the status says enough
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    const detail =
      res.status === 429
        ? `Too many attempts. Try again in ${retry > 0 ? `${retry} seconds` : 'a minute'}.`
        : res.status >= 500
          ? 'The sign-in service is unavailable; try again shortly.'
          : String(parsed.detail ?? parsed.title ?? `HTTP ${res.status}`);
    throw new SignInError(res.status, detail);
  }
  return parsed;
};

/** An access token from identity's session (the cookie), or null when there is no session. */
const fetchToken = async (): Promise<string | null> => {
  try {
    return String((await identity('GET', '/token')).token);
  } catch (err) {
    if (err instanceof SignInError && err.status === 401) return null;
    throw err;
  }
};

/** A session kept per browser tab; an expired token is dropped rather than sent. */
const restore = (): Session | null => {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (s?.token && expiresAt(s.token) > Date.now() + 30_000) return { token: s.token, user: userOf(s.token) };
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
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const adopt = useCallback((token: string | null): Session | null => {
    if (!token) {
      sessionStorage.removeItem(KEY);
      setToken(null);
      setSession(null);
      return null;
    }
    const s = { token, user: userOf(token) };
    sessionStorage.setItem(KEY, JSON.stringify({ token }));
    setToken(token);
    setSession(s);
    return s;
  }, []);

  /** A fresh token from the session; signed out when the session has ended (signed out elsewhere, a reset). */
  const refresh = useCallback(async (): Promise<string | null> => adopt(await fetchToken())?.token ?? null, [adopt]);

  // Before the token expires (a minute ahead, or at two thirds of a short lifetime), a fresh one.
  useEffect(() => {
    clearTimeout(timer.current);
    if (!session) return;
    const left = expiresAt(session.token) - Date.now();
    const lead = Math.min(60_000, left / 3);
    timer.current = setTimeout(() => void refresh().catch(() => undefined), Math.max(1_000, left - lead));
    return () => clearTimeout(timer.current);
  }, [session, refresh]);

  // A tab opened after signing in has no token of its own yet: the session cookie gives it one.
  useEffect(() => {
    if (!initial) void refresh().catch(() => undefined);
  }, [refresh]);

  // The API client asks for a fresh token once when a service answers 401 (the token expired in a sleeping tab).
  useEffect(() => setTokenRefresher(() => refresh().catch(() => null)), [refresh]);

  const signIn = useCallback(
    async (email: string, password: string): Promise<SignInResult> => {
      const r = await identity('POST', '/sign-in/email', { email, password });
      if (r.secondFactorRequired) return { status: 'second-factor' };
      const token = await fetchToken();
      const s = adopt(token);
      if (!s) throw new SignInError(401, 'signed in, but no access token came: try again');
      return { status: 'signed-in', session: s };
    },
    [adopt],
  );

  const verifyCode = useCallback(
    async (code: string): Promise<Session> => {
      await identity('POST', '/two-factor/verify-totp', { code });
      const s = adopt(await fetchToken());
      if (!s) throw new SignInError(401, 'the code was accepted, but no access token came: sign in again');
      return s;
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    adopt(null);
    await identity('POST', '/sign-out').catch(() => undefined);
  }, [adopt]);

  const value = useMemo(() => ({ session, signIn, verifyCode, signOut }), [session, signIn, verifyCode, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionApi => {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
};
