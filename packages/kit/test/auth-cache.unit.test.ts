import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyToken } from '../src/auth';
import { testEnv, token } from '../src/testing';

// Tokens of the test harness's key, verified through its JWKS server (as services verify identity's).
const t = testEnv('auth-cache');
const auth = t.auth;

describe('verifyToken keeps verified tokens until they expire', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a repeated token from the cache with the same principal', async () => {
    const jwt = await token(t, { userId: 'anna', role: 'farmer' }, '1h');
    const first = await verifyToken(jwt, auth);
    const second = await verifyToken(jwt, { ...auth });
    expect(second).toBe(first);
    expect(second).toEqual({
      userId: 'anna',
      memberships: [{ kind: 'buyer' }, { kind: 'farm', farmId: 'farm-anna', role: 'owner' }],
    });
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second.memberships)).toBe(true);
  });

  it('refuses a cached token under other settings (key set, audience)', async () => {
    const jwt = await token(t, { userId: 'ben', role: 'buyer' }, '1h');
    await verifyToken(jwt, auth);
    const other = testEnv('auth-cache-other');
    other.jwksOutage(true);
    try {
      // another key set that cannot be reached and was never fetched: nothing verifies the token, and the caller is
      // told to try again (503 auth.unavailable), not served from the other settings' cache
      await expect(verifyToken(jwt, other.auth)).rejects.toMatchObject({ code: 'auth.unavailable' });
    } finally {
      other.jwksOutage(false);
    }
    await expect(verifyToken(jwt, { ...auth, audience: 'other' })).rejects.toThrow('token invalid');
  });

  it('refuses a cached token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now()));
    const jwt = await token(t, { userId: 'cas', role: 'buyer' }, '60s');
    await expect(verifyToken(jwt, auth)).resolves.toMatchObject({ userId: 'cas' });
    vi.setSystemTime(new Date(Date.now() + 61_000));
    await expect(verifyToken(jwt, auth)).rejects.toThrow('token expired');
  });
});
