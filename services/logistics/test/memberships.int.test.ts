import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import type { TestPrincipal } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { awaitShipments, listing, orderConfirmed, startHarness, users } from './support';

/**
 * Ownership by membership (issue #28): a shipment, a run and a logger belong to a logistics partner, and a person acts
 * on them as a member of that partner (manager or driver) whose role may (packages/kit/src/access.ts).
 */
const h = startedForFile(() => startHarness('logistics-members'));

const openShipment = async () => {
  const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `M-${randomUUID().slice(0, 8)}` })]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [doc] = await awaitShipments(h, order.orderId, 1);
  return String(doc!._id);
};

describe("a partner's members: the manager and a driver act for the partner", () => {
  it("when a driver takes a shipment their manager claimed through its steps, then each step is theirs to record, and the shipment stays the partner's", async () => {
    const id = await openShipment();
    const claimed = await h.call('POST', `/shipments/${id}/claim`, users.pia);
    expect(claimed.status).toBe(200);
    expect(claimed.body.partnerId).toBe(users.pia.userId);
    expect((await h.call('POST', `/shipments/${id}/pickup`, users.dirk)).status).toBe(200);
    expect((await h.call('POST', `/shipments/${id}/out-for-delivery`, users.dirk)).status).toBe(200);
    // another partner's member may not
    const omar = await h.call('POST', `/shipments/${id}/deliver`, users.omar, {
      recipientName: 'B',
      proofRef: 'p',
    });
    expect(omar.status).toBe(403);
    const delivered = await h.call('POST', `/shipments/${id}/deliver`, users.dirk, {
      recipientName: 'B',
      proofRef: 'p',
    });
    expect(delivered.status).toBe(200);
    expect(delivered.body.partnerId).toBe(users.pia.userId);
    // both see it among the partner's shipments
    for (const who of [users.pia, users.dirk]) {
      const mine = await h.call('GET', '/shipments/mine/history', who);
      expect(
        mine.body.items.map((s: { shipmentId: string }) => s.shipmentId),
        who.userId,
      ).toContain(id);
    }
    expect((await h.call('GET', `/shipments/${id}`, users.omar)).status).toBe(403);
  });

  it('when a driver claims, then the claim is for their partner (the one serving the region)', async () => {
    const id = await openShipment();
    const r = await h.call('POST', `/shipments/${id}/claim`, users.dirk);
    expect(r.status).toBe(200);
    expect(r.body.partnerId).toBe('user-partner-pia');
  });

  it('when a driver plans runs or registers a logger, then 403: those are the manager’s', async () => {
    const plan = await h.call('POST', '/runs/plan', users.dirk, { region: 'Gelderland', day: '2030-02-04' });
    expect(plan.status).toBe(403);
    expect(plan.body.detail).toMatch(/may not do this \(runs\.plan\)/);
    const device = await h.call('POST', '/devices', users.dirk, { kind: 'crate', label: 'Dirk logger' });
    expect(device.status).toBe(403);
    expect(
      (await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day: '2030-02-04' })).status,
    ).toBe(200);
    const managers = await h.call('POST', '/devices', users.pia, { kind: 'crate', label: 'Pia logger' });
    expect(managers.status).toBe(201);
    // the logger is the partner's: the driver puts it on a shipment of theirs
    const id = await openShipment();
    expect((await h.call('POST', `/shipments/${id}/claim`, users.pia)).status).toBe(200);
    const attach = await h.call('POST', `/devices/${managers.body.deviceId}/attachments`, users.dirk, {
      shipmentId: id,
    });
    expect(attach.status).toBe(201);
    expect(
      (await h.call('GET', '/devices', users.dirk)).body.devices.map((d: { deviceId: string }) => d.deviceId),
    ).toContain(managers.body.deviceId);
    const other = await h.call('POST', `/devices/${managers.body.deviceId}/attachments`, users.omar, {
      shipmentId: id,
    });
    expect(other.status).toBe(403);
  });

  it('when a person of two partners lists open shipments without a region, then 400 naming query.region; with one, that region', async () => {
    const both: TestPrincipal = {
      userId: 'user-partner-kim',
      memberships: [
        { kind: 'partner', partnerId: 'ptn-a', role: 'driver', regions: ['Gelderland'] },
        { kind: 'partner', partnerId: 'ptn-b', role: 'driver', regions: ['Utrecht'] },
      ],
    };
    const r = await h.call('GET', '/shipments/open', both);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('query.region');
    expect((await h.call('GET', '/shipments/open?region=Utrecht', both)).status).toBe(200);
    expect((await h.call('GET', '/shipments/open', users.dirk)).status).toBe(200);
  });
});
