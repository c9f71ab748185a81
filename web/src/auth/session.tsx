import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ApiError, request, setToken, setTokenRefresher } from '../api/client';
import { identity } from '../api/identity';
import { forgetIdentity, refreshIdentity, useIdentity } from '../lib/identity-session';
import type { DemoMembership, Role } from './demo-users';

/**
 * Signed in through identity (issue #28): email and password (and a second factor's code when identity asks for one)
 * make a session there, kept in identity's cookie (httpOnly, never readable here); the services are called with a
 * short-lived access token that identity hands out from that session (GET /api/identity/api/auth/token), fetched
 * again before it expires. The web app holds no secret and mints nothing.
 *
 * Whether this browser has a session is identity's answer (lib/identity-session.ts: get-session, which the account
 * pages and the header's account menu read too): a sign-in there, on the account pages, gives this provider a token;
 * a sign-out there (the menu, "sign out everywhere") takes it away.
 */
export interface SessionUser {
  userId: string;
  name: string;
  /** The place the person lands: operator, farm, partner, else buyer. */
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
  /** A token for the session identity has now (after a sign-in elsewhere, e.g. on the account pages). */
  adopt: () => Promise<Session | null>;
  signOut: () => Promise<void>;
}

const KEY = 'ftt.session';
const SessionContext = createContext<SessionApi | null>(null);

type Claims = { sub?: string; name?: string; exp?: number; memberships?: DemoMembership[] };
const claimsOf = (token: string): Claims => {
  try {
    const bytes = Uint8Array.from(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
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

/** An access token from identity's session (the cookie), or null when the session has ended. */
const fetchToken = async (): Promise<string | null> => {
  try {
    return (await request<{ token: string }>('identity', '/api/auth/token')).token;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
};

/** A session kept per browser tab; an expired token is dropped rather than sent. */
const restore = (): Session | null => {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { token?: string } | null;
    if (s?.token && expiresAt(s.token) > Date.now() + 30_000)
      return { token: s.token, user: userOf(s.token) };
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
  const person = useIdentity();

  const keep = useCallback((token: string | null): Session | null => {
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
  const adopt = useCallback(async (): Promise<Session | null> => {
    const s = keep(await fetchToken());
    if (!s) forgetIdentity();
    return s;
  }, [keep]);

  // Before the token expires (a minute ahead, or at a third of a short lifetime left), a fresh one.
  useEffect(() => {
    clearTimeout(timer.current);
    if (!session) return;
    const left = expiresAt(session.token) - Date.now();
    const lead = Math.min(60_000, left / 3);
    timer.current = setTimeout(() => void adopt().catch(() => undefined), Math.max(1_000, left - lead));
    return () => clearTimeout(timer.current);
  }, [session, adopt]);

  // What identity says changes this session: someone signed in there (the account pages) and this tab has no token
  // for them -> one; signed out there (the account menu, sign out everywhere) -> none here either. Only a change of its
  // answer counts: a sign-in here keeps its token while identity's answer catches up.
  const personId = person.status === 'signed-in' ? person.account.personId : null;
  const signedOut = person.status === 'signed-out' && person.checked;
  const before = useRef({ personId, signedOut });
  useEffect(() => {
    const was = before.current;
    before.current = { personId, signedOut };
    if (personId && personId !== was.personId && session?.user.userId !== personId)
      void adopt().catch(() => undefined);
    else if (signedOut && !was.signedOut && was.personId) keep(null);
  }, [personId, signedOut, session, adopt, keep]);

  // A tab with a token whose identity state nobody asked for (a page loaded before the mark was set): ask.
  const unasked = person.status === 'signed-out' && !person.checked;
  useEffect(() => {
    if (session && unasked) void refreshIdentity();
  }, [session, unasked]);

  // The API client asks for a fresh token once when a service answers 401 (the token expired in a sleeping tab).
  useEffect(() => {
    setTokenRefresher(async () => (await adopt().catch(() => null))?.token ?? null);
    return () => setTokenRefresher(null);
  }, [adopt]);

  const signedIn = useCallback(async (): Promise<Session> => {
    const s = keep(await fetchToken());
    if (!s) throw new ApiError(401, 'signed in, but identity gave no access token: please try again');
    // identity's answer (and its mark for the next page load) before the app moves on: the header's menu shows
    await refreshIdentity();
    return s;
  }, [keep]);

  const signIn = useCallback(
    async (email: string, password: string): Promise<SignInResult> => {
      const r = await identity.signIn({ email, password });
      if ('secondFactorRequired' in r) return { status: 'second-factor' };
      return { status: 'signed-in', session: await signedIn() };
    },
    [signedIn],
  );

  const verifyCode = useCallback(
    async (code: string): Promise<Session> => {
      await identity.verifyTotp(code);
      return signedIn();
    },
    [signedIn],
  );

  /** identity ends the session (the cookie), then this tab forgets its token; a failure changes nothing here. */
  const signOut = useCallback(async () => {
    await identity.signOut();
    forgetIdentity();
    keep(null);
  }, [keep]);

  const value = useMemo(
    () => ({ session, signIn, verifyCode, adopt, signOut }),
    [session, signIn, verifyCode, adopt, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionApi => {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
};
