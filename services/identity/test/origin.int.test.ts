import type { ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, startHarness } from './support';

/**
 * Cookies and other sites (issue #28): better-auth checks the Origin of every cookie-carrying POST against the web
 * app's address (APP_URL) and identity's own. Its default skips the check under NODE_ENV=test; identity turns it on
 * always, so what is tested is what runs.
 */
let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-origin');
});
afterAll(() => h?.stop());

describe("a signed-in browser's cookie, sent from another site", () => {
  it('when another site (or no site) posts with the session cookie, then identity refuses and the session goes on', async () => {
    const p = await signedUpPerson(h.svc.url, 'olga');
    for (const origin of ['https://evil.example', 'null', '']) {
      const r = await p.browser.call('POST', '/api/auth/revoke-sessions', undefined, { origin });
      expect(r.status, `origin "${origin}"`).toBe(403);
    }
    const out = await p.browser.call('POST', '/api/auth/sign-out', undefined, {
      origin: 'https://evil.example',
    });
    expect(out.status).toBe(403);
    expect((await p.browser.call('GET', '/api/auth/token')).status).toBe(200);
    // from the web app it is theirs to end
    expect((await p.browser.call('POST', '/api/auth/sign-out')).status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/token')).status).toBe(401);
  });
});
