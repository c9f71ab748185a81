import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { REMOVED } from '../src/domain/erasure';
import { startHarness } from './support/harness';
import { confirmedOrder, placeTwoFarmOrder } from './support/saga-steps';

/**
 * identity's person.erased.v1 (a person deleted their account): every order of theirs stays for accounting, without
 * the buyer's name, address and phone; applying the event again changes nothing; other buyers' orders are untouched.
 */
const h = startedForFile(() => startHarness());

describe('a buyer who deleted their account', () => {
  it('when person.erased.v1 arrives (twice), then each of their orders loses name, address and phone and keeps its money and state; others keep theirs', async () => {
    const paid = await confirmedOrder(h, h.users.carla);
    const open = await placeTwoFarmOrder(h, h.users.carla);
    const bens = await placeTwoFarmOrder(h, h.users.ben);
    const before = await h.storedOrder(paid.orderId);
    expect(before?.dropoff.contactName).not.toBe(REMOVED);

    const id = randomUUID();
    await h.probe.send(
      'ftt.identity.person.erased.v1',
      { personId: 'user-buyer-carla', at: new Date().toISOString() },
      { id },
    );
    await eventually(
      async () => (await h.storedOrder(open.orderId))?.dropoff.contactName === REMOVED,
      20_000,
    );
    await eventually(
      async () => (await h.storedOrder(paid.orderId))?.dropoff.contactName === REMOVED,
      20_000,
    );

    const after = (await h.storedOrder(paid.orderId))!;
    expect(after.dropoff).toEqual({
      address: {
        line1: REMOVED,
        city: REMOVED,
        postalCode: REMOVED,
        country: before!.dropoff.address.country,
      },
      contactName: REMOVED,
    });
    expect(after.buyerNameKeys).toEqual([REMOVED]);
    expect(after).toMatchObject({
      state: 'confirmed',
      buyerId: 'user-buyer-carla',
      totals: before!.totals,
      lines: before!.lines,
    });
    const stored = JSON.stringify(after);
    for (const personal of [
      before!.dropoff.contactName,
      before!.dropoff.address.line1,
      before!.dropoff.phone,
    ].filter(Boolean))
      expect(stored).not.toContain(personal);
    // the buyer's own view and the order list still answer (the shapes stay valid)
    const view = await h.call('GET', `/orders/${paid.orderId}`, { token: h.users.carla });
    expect(view.status).toBe(200);
    expect(view.body.dropoff.contactName).toBe(REMOVED);

    // the same event again (a redelivery): nothing is written
    const versions = async () => [
      (await h.storedOrder(paid.orderId))!.version,
      (await h.storedOrder(open.orderId))!.version,
    ];
    const v = await versions();
    await h.probe.send(
      'ftt.identity.person.erased.v1',
      { personId: 'user-buyer-carla', at: new Date().toISOString() },
      { id },
    );
    await h.probe.send('ftt.identity.person.erased.v1', {
      personId: 'user-buyer-carla',
      at: new Date().toISOString(),
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await versions()).toEqual(v);

    expect((await h.storedOrder(bens.orderId))?.dropoff.contactName).not.toBe(REMOVED);
  });
});
