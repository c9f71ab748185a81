import { token } from '@ftt/kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, useWebHarness } from './harness';

/**
 * The back office's Delivery screen in headless Chromium against the services as processes: an operator reads a
 * region's offer, publishes a change (a bad cut-off is named next to its field first), and the checkout's options
 * follow. Desktop 1280x800 and phone 390x844, axe-core, no console errors.
 * Screenshots: test-results/screenshots/delivery-offer/back-office-*.png.
 */
const h = useWebHarness('delivery-offer', {
  // Chromium logs every 4xx response as a console error: the 400 (a bad cut-off) and the 409 (a stale version) the
  // test provokes are expected.
  tolerate: (text, url) =>
    (/status of 400/.test(text) && /\/api\/orders\/admin\/delivery\/regions\/Gelderland$/.test(url)) ||
    (/status of 409/.test(text) && /\/api\/orders\/admin\/delivery\/regions\/Utrecht$/.test(url)),
});
beforeAll(() => h.page.setDefaultTimeout(20_000));
const { go, button } = h;
const heading = (name: string | RegExp, level = 1) => h.page.getByRole('heading', { level, name });

/** The harness's shot (axe, and at phone width nothing sticks out), named by the screen's width. */
const screen = async (name: string) => {
  const size = h.page.viewportSize()?.width === PHONE.width ? 'phone' : 'desktop';
  await h.page.waitForLoadState('networkidle').catch(() => undefined);
  await h.screen(`back-office-${name}-${size}`);
};

const options = async () =>
  (await (await fetch(`${h.system.orders.url}/delivery/options`)).json()) as {
    regions: { region: string; days: { day: string }[] }[];
    pickupPoints: { pickupPointId: string; feeMinor: number }[];
  };

describe("the back office's Delivery screen", () => {
  it('when an operator opens Delivery from the back office, then the first region shows its days, pickup points and zones', async () => {
    await go('/signin');
    await button(/^Sign in as Ada Operator/).click();
    await h.page.waitForURL((u: URL) => u.pathname === '/admin');
    await h.page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Delivery', exact: true })
      .click();
    await heading('Delivery').waitFor();
    await h.page.getByText('Version 1, published').waitFor();
    expect(await h.page.getByRole('group', { name: /^Delivery day \d$/ }).count()).toBe(2);
    await h.page.getByRole('group', { name: 'Pickup point 1: Hofwinkel De Eng' }).waitFor();
    await h.page.getByRole('group', { name: 'Home zone 3: Nijmegen' }).waitFor();
    await screen('delivery');
  });

  it('when the operator adds a day with a cut-off on the day itself, then the error is shown next to that field and nothing is published', async () => {
    await button('Add a delivery day').click();
    const day3 = h.page.getByRole('group', { name: 'Delivery day 3' });
    await day3.getByLabel('Weekday').selectOption('2');
    await day3.getByLabel('Orders close (days before)').fill('0');
    await h.page.getByLabel('Reason (kept in the audit trail)').fill('Tuesday round for Ede');
    await button('Publish Gelderland').click();
    await day3.getByText('the cut-off must fall before its delivery day (at least 1 day before)').waitFor();
    expect(await day3.getByLabel('Orders close (days before)').getAttribute('aria-invalid')).toBe('true');
    await h.page
      .getByRole('alert')
      .getByText(/cut-off must fall before its delivery day/)
      .waitFor();
    expect(
      (await options()).regions
        .find((r) => r.region === 'Gelderland')!
        .days.some((d) => new Date(`${d.day}T12:00:00Z`).getUTCDay() === 2),
    ).toBe(false);
  });

  it('when the operator fixes it, removes a pickup point and publishes, then version 2 is shown and the checkout offers Tuesdays without that point', async () => {
    const day3 = h.page.getByRole('group', { name: 'Delivery day 3' });
    await day3.getByLabel('Orders close (days before)').fill('1');
    await button('Remove pickup point 3').click();
    await h.page
      .getByLabel('Reason (kept in the audit trail)')
      .fill('Tuesday round for Ede; the Arnhem locker closes');
    await button('Publish Gelderland').click();
    await h.page.getByRole('status').getByText('Published version 2 of Gelderland.').waitFor();
    await h.page.getByText('Version 2, published').waitFor();
    const o = await options();
    expect(
      o.regions
        .find((r) => r.region === 'Gelderland')!
        .days.some((d) => new Date(`${d.day}T12:00:00Z`).getUTCDay() === 2),
    ).toBe(true);
    expect(o.pickupPoints.map((p) => p.pickupPointId)).not.toContain('pp-arnhem-kluis');
  });

  it('when the operator picks another region, then its offer is shown', async () => {
    await h.page.getByLabel('Region').selectOption('Utrecht');
    await h.page.getByRole('group', { name: 'Pickup point 1: Kluis Utrecht Centraal' }).waitFor();
  });

  it('when another operator published the region meanwhile, then publishing says so (409) and loads their version on request', async () => {
    const ada = `Bearer ${await token(h.t, { userId: 'user-admin-ada2', role: 'admin' })}`;
    const url = `${h.system.orders.url}/admin/delivery/regions/Utrecht`;
    const {
      region: _r,
      updatedAt: _u,
      updatedBy: _b,
      ...current
    } = (await (await fetch(url, { headers: { authorization: ada } })).json()) as Record<string, unknown>;
    const other = await fetch(url, {
      method: 'PUT',
      headers: { authorization: ada, 'content-type': 'application/json' },
      body: JSON.stringify({ ...current, reason: 'the other operator' }),
    });
    expect(other.status).toBe(200);
    await h.page.getByLabel('Reason (kept in the audit trail)').fill('my late change');
    await button('Publish Utrecht').click();
    await h.page
      .getByRole('alert')
      .getByText(/stored version is 2/)
      .waitFor();
    await h.page
      .getByText('Another operator published Utrecht after you opened it.', { exact: false })
      .waitFor();
    await button('Load the latest version').click();
    await h.page.getByText('Version 2, published').waitFor();
    await h.page.getByText(/by user-admin-ada2/).waitFor();
  });

  it('at phone size, the screen fits without sideways scrolling and passes axe', async () => {
    await h.page.setViewportSize(PHONE);
    await go('/admin/delivery');
    await heading('Delivery').waitFor();
    await h.page.getByText('Version 2, published').waitFor();
    await screen('delivery');
  });

  it('then no page logged a console error', () => {
    h.expectNoConsoleErrors();
  });
});
