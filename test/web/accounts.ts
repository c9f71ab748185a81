import { eventually } from '@ftt/kit/testing';
import type { WebHarness } from './harness';

/**
 * A person with an account of their own (not a persona): the mail the harness's mailpit got for them, signing in with
 * their password, and the token the web app holds for them. Used by the onboarding suites.
 */
export const accounts = (h: WebHarness, password: string) => ({
  /** The text of the first mail to `to` whose subject matches (waits up to 20 s). */
  mailedText: async (to: string, subject: RegExp) => {
    const found = await eventually(
      async () => (await h.mail.messages()).find((m) => m.To.some((a) => a.Address === to) && subject.test(m.Subject)),
      20_000,
      200,
    );
    return (await h.mail.message(found.ID)).Text;
  },
  signInWithPassword: async (email: string) => {
    await h.go('/signin');
    await h.page.getByLabel('Email address').fill(email);
    await h.page.getByLabel('Password', { exact: true }).fill(password);
    await h.page.locator('form').getByRole('button', { name: 'Sign in', exact: true }).click();
    await h.page.waitForURL((u: URL) => !u.pathname.startsWith('/signin'));
  },
  /** The access token the web app holds for the signed-in person (its session storage). */
  tokenInBrowser: async () =>
    String(await h.page.evaluate(`JSON.parse(sessionStorage.getItem('ftt.session') ?? '{}').token ?? ''`)),
});
