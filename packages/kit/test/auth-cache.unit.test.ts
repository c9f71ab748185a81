import { afterEach, describe, expect, it, vi } from 'vitest';
import { mintToken, verifyToken } from '../src/auth';

const auth = { secret: 'a-test-secret-0123456789abcdef012345', issuer: 'fieldtotable', audience: 'fieldtotable-api' };

describe('verifyToken keeps verified tokens until they expire', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a repeated token from the cache with the same principal', async () => {
    const token = await mintToken({ userId: 'anna', role: 'farmer' }, auth, '1h');
    const first = await verifyToken(token, auth);
    const second = await verifyToken(token, { ...auth });
    expect(second).toBe(first);
    expect(second).toEqual({ userId: 'anna', role: 'farmer', name: undefined, region: undefined });
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('refuses a cached token under other settings (secret, audience)', async () => {
    const token = await mintToken({ userId: 'ben', role: 'buyer' }, auth, '1h');
    await verifyToken(token, auth);
    await expect(verifyToken(token, { ...auth, secret: 'another-secret-0123456789abcdef0123' })).rejects.toThrow(
      'token signature invalid',
    );
    await expect(verifyToken(token, { ...auth, audience: 'other' })).rejects.toThrow('token invalid');
  });

  it('refuses a cached token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const token = await mintToken({ userId: 'cas', role: 'buyer' }, auth, '60s');
    await expect(verifyToken(token, auth)).resolves.toMatchObject({ userId: 'cas' });
    vi.setSystemTime(new Date('2026-12-02T10:01:01Z'));
    await expect(verifyToken(token, auth)).rejects.toThrow('token expired');
  });
});
