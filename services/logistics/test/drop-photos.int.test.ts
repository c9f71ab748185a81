import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import { token } from '@ftt/kit/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  awaitShipments,
  listing,
  orderConfirmed,
  shipmentsOf,
  startHarness,
  until,
  users,
  type OrderConfirmed,
} from './support';

/**
 * Issue #29: a photo at a run's drop (proof of delivery), stored as catalog stores listing photos (resized WebP
 * without metadata, a truncated image refused with a 400), put on every box of the drop, and shown to the buyer of
 * the order for their own box only.
 */
const h = startedForFile(() => startHarness('logistics-drop-photos'));

const DAY = '2026-12-17';
const HOME = { kind: 'home' as const, region: 'Gelderland', zoneId: 'zone-wageningen-ede' };
const homeOrder = (buyerId: string, street: string): OrderConfirmed => {
  const o = orderConfirmed([listing({ farm: 'dehof', lotCode: `PH-${randomUUID().slice(0, 6)}` })], buyerId);
  return {
    ...o,
    deliveryDate: DAY,
    drop: HOME,
    dropoff: { ...o.dropoff, address: { line1: street, city: 'Ede', postalCode: '6711 AB', country: 'NL' } },
  };
};

type Problem = { errors?: { field: string; message: string }[] };
const fields = (body: unknown) => ((body as Problem).errors ?? []).map((e) => e.field);

const upload = async (who: typeof users.pia, path: string, bytes: Buffer, type = 'image/jpeg') => {
  const r = await fetch(h.svc.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(h.t, who)}`, 'content-type': type },
    body: new Uint8Array(bytes),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & Problem };
};
const image = async (who: typeof users.ben, path: string) => {
  const r = await fetch(h.svc.url + path, { headers: { authorization: `Bearer ${await token(h.t, who)}` } });
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    bytes: Buffer.from(await r.arrayBuffer()),
  };
};

describe('a photo at a drop', () => {
  it('when the partner photographs a drop and records it with the photo, then the boxes carry it and their buyer (only) sees it; a truncated image is a 400', async () => {
    const bens = homeOrder(users.ben.userId, 'Bergweg 4');
    const carlas = homeOrder(users.carla.userId, 'Bosweg 80');
    for (const o of [bens, carlas]) await h.probe.send('ftt.orders.order.confirmed.v1', o);
    for (const o of [bens, carlas]) await awaitShipments(h, o.orderId, 1);
    const [run] = (await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day: DAY })).body;
    expect((await h.call('POST', `/runs/${run.runId}/claim`, users.pia)).status).toBe(200);
    expect((await h.call('POST', `/runs/${run.runId}/stops/0/pickup`, users.pia)).status).toBe(200);
    const benBox = String((await shipmentsOf(h, bens.orderId))[0]!._id);
    const carlaBox = String((await shipmentsOf(h, carlas.orderId))[0]!._id);
    const stops = run.stops as { seq: number; kind: string; shipmentIds: string[] }[];
    const dropOf = (box: string) => stops.find((s) => s.kind === 'drop' && s.shipmentIds.includes(box))!.seq;
    const [benStop, carlaStop] = [dropOf(benBox), dropOf(carlaBox)];
    const first = Math.min(benStop, carlaStop);

    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#7a9a3c' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'driver phone' } } })
      .toBuffer();
    const at = (seq: number) => `/runs/${run.runId}/stops/${seq}/photo`;
    // refusals, each naming what is wrong
    const cut = await upload(users.pia, at(first), photo.subarray(0, Math.floor(photo.length / 2)));
    expect([cut.status, fields(cut.body)]).toEqual([400, ['body']]);
    expect(cut.body.errors![0]!.message).toBe('the photo is incomplete or unreadable');
    const text = await upload(users.pia, at(first), Buffer.from('hello'), 'text/plain');
    expect(text.status).toBe(415);
    const pickup = await upload(users.pia, at(0), photo);
    expect([pickup.status, fields(pickup.body)]).toEqual([422, ['params.seq']]);
    expect((await upload(users.omar, at(first), photo)).status).toBe(403);

    const taken = await upload(users.pia, at(benStop), photo);
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), widths: [320, 640, 1280] });
    const other = await upload(users.pia, at(carlaStop), photo);
    expect(other.body.id).not.toBe(taken.body.id);

    if (first === carlaStop) {
      const r = await h.call('POST', `/runs/${run.runId}/stops/${carlaStop}/drop`, users.pia, {
        recipientName: 'Carla',
        proofRef: 'SIG-1',
      });
      expect(r.status).toBe(200);
    }
    // a photo of another drop, or neither a proof nor a photo, is refused naming the field
    const wrong = await h.call('POST', `/runs/${run.runId}/stops/${benStop}/drop`, users.pia, {
      recipientName: 'Ben',
      photoId: other.body.id,
    });
    expect([wrong.status, fields(wrong.body)]).toEqual([400, ['body.photoId']]);
    const none = await h.call('POST', `/runs/${run.runId}/stops/${benStop}/drop`, users.pia, {
      recipientName: 'Ben',
    });
    expect([none.status, fields(none.body)]).toEqual([400, ['body.proofRef']]);
    const dropped = await h.call('POST', `/runs/${run.runId}/stops/${benStop}/drop`, users.pia, {
      recipientName: 'Ben',
      photoId: taken.body.id,
    });
    expect(dropped.status).toBe(200);
    const [doc] = await shipmentsOf(h, bens.orderId);
    expect(doc!.delivery).toEqual({
      recipientName: 'Ben',
      proofRef: `photo:${taken.body.id}`,
      photoId: taken.body.id,
    });
    const delivered = await until(() =>
      h.probe
        .of('ftt.logistics.shipment.delivered.v1')
        .find((e) => (e.data as { shipmentId: string }).shipmentId === benBox),
    );
    expect(delivered.data).toMatchObject({ proofRef: `photo:${taken.body.id}` });
    expect(delivered.data).not.toHaveProperty('photoId');

    // Ben: his trace says a photo exists; the photo is WebP, without the camera's metadata
    const trace = await h.call('GET', `/trace/orders/${bens.orderId}`, users.ben);
    expect(trace.body.lines[0].shipment.deliveryPhoto).toBe(true);
    const seen = await image(users.ben, `/trace/orders/${bens.orderId}/shipments/${benBox}/photo`);
    expect([seen.status, seen.type]).toEqual([200, 'image/webp']);
    const meta = await sharp(seen.bytes).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['webp', 640, undefined]);
    expect(
      (await image(users.ben, `/trace/orders/${bens.orderId}/shipments/${benBox}/photo?width=320`)).status,
    ).toBe(200);
    expect(
      (await image(users.ben, `/trace/orders/${bens.orderId}/shipments/${benBox}/photo?width=100`)).status,
    ).toBe(400);
    // Carla: not Ben's order, not Ben's box under her own order, and her own box has no photo
    expect((await image(users.carla, `/trace/orders/${bens.orderId}/shipments/${benBox}/photo`)).status).toBe(
      403,
    );
    expect(
      (await image(users.carla, `/trace/orders/${carlas.orderId}/shipments/${benBox}/photo`)).status,
    ).toBe(404);
    const hers = await h.call(
      'GET',
      `/trace/orders/${carlas.orderId}/shipments/${carlaBox}/photo`,
      users.carla,
    );
    expect([hers.status, fields(hers.body)]).toEqual([404, ['params.shipmentId']]);
    expect(
      (await h.call('GET', `/trace/orders/${carlas.orderId}`, users.carla)).body.lines[0].shipment
        .deliveryPhoto,
    ).toBe(false);
    // a recorded drop takes no more photos
    const late = await upload(users.pia, at(benStop), photo);
    expect([late.status, fields(late.body)]).toEqual([409, ['params.seq']]);
  });
});
