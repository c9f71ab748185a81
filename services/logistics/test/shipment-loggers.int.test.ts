import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { minutes, registerLogger, shipmentOnTheRoad, startColdChain } from './cold-chain-support';
import { awaitShipments, listing, orderConfirmed, until, users } from './support';

/**
 * Issue #29: a partner registers a temperature logger in the app (its serial and a name), attaches it to a shipment
 * they carry and sees it on the shipment page with its latest reading and curve (GET /shipments/:id/loggers).
 * Every refusal is problem+json naming the field.
 */
const h = startedForFile(() => startColdChain('logistics-loggers'), { startMs: 60_000 });

type Problem = { code: string; errors: { field: string; message: string }[] };
const fields = (body: unknown) => (body as Problem).errors.map((e) => e.field);

describe('registering a logger', () => {
  it('when a partner registers a logger with its serial and a name, then it is listed with both; a malformed serial is a 400 naming body.serial', async () => {
    const r = await h.call('POST', '/devices', users.pia, {
      kind: 'crate',
      label: 'Blue crate',
      serial: 'TL-2231-A',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ label: 'Blue crate', serial: 'TL-2231-A', kind: 'crate' });
    const list = await h.call('GET', '/devices', users.pia);
    expect(list.body.devices.find((d: { deviceId: string }) => d.deviceId === r.body.deviceId)).toMatchObject(
      {
        serial: 'TL-2231-A',
      },
    );
    const bad = await h.call('POST', '/devices', users.pia, {
      kind: 'crate',
      label: 'X',
      serial: 'has spaces!',
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['body.serial']);
    const noName = await h.call('POST', '/devices', users.pia, { kind: 'crate', label: ' ' });
    expect(fields(noName.body)).toEqual(['body.label']);
  });
});

describe("a shipment's loggers", () => {
  it('when a logger is attached and reports, then the shipment shows it with its latest reading (out of range marked) and its curve under its own name; detached, it stays listed with its interval closed', async () => {
    const { id } = await shipmentOnTheRoad(h);
    const empty = await h.call('GET', `/shipments/${id}/loggers`, users.pia);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ shipmentId: id, loggers: [], curve: { series: [], excursions: [] } });

    const { deviceId, auth } = await registerLogger(h);
    expect(
      (await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id })).status,
    ).toBe(201);
    const attached = await h.call('GET', `/shipments/${id}/loggers`, users.pia);
    expect(attached.body.loggers).toEqual([
      expect.objectContaining({ deviceId, label: 'Crate 7', kind: 'crate', to: null, latest: null }),
    ]);

    // De Hof's range is 8..14 °C: the last reading (15.5) is out of it
    const start = Date.now() + 2_000;
    expect((await h.send(auth, { readings: minutes(start, [10, 10.5, 11, 15.5]) })).status).toBe(202);
    const seen = await until(async () => {
      const r = await h.call('GET', `/shipments/${id}/loggers`, users.pia);
      return r.body.loggers[0]?.latest ? r : undefined;
    });
    expect(seen.body.loggers[0].latest).toEqual({
      time: new Date(start + 3 * 60_000).toISOString(),
      temperatureC: 15.5,
      outOfRange: true,
    });
    expect(seen.body.curve.coldChain).toEqual({ minC: 8, maxC: 14 });
    expect(seen.body.curve.series).toEqual([
      { name: 'Crate 7', points: expect.arrayContaining([expect.objectContaining({ temperatureC: 10 })]) },
    ]);

    expect((await h.call('DELETE', `/devices/${deviceId}/attachments/${id}`, users.pia)).status).toBe(200);
    const off = await h.call('GET', `/shipments/${id}/loggers`, users.pia);
    expect(off.body.loggers).toEqual([expect.objectContaining({ deviceId, to: expect.any(String) })]);
    const again = await h.call('DELETE', `/devices/${deviceId}/attachments/${id}`, users.pia);
    expect(again.status).toBe(404);
    expect(fields(again.body)).toEqual(['params.shipmentId']);
  });

  it('when another partner, a buyer or nobody asks, or the shipment does not exist, then 403, 401 or 404 problem+json naming params.shipmentId', async () => {
    const { id } = await shipmentOnTheRoad(h);
    const omar = await h.call('GET', `/shipments/${id}/loggers`, users.omar);
    expect(omar.status).toBe(403);
    expect(omar.type).toMatch(/application\/problem\+json/);
    expect(fields(omar.body)).toEqual(['params.shipmentId']);
    expect((await h.call('GET', `/shipments/${id}/loggers`, users.ben)).status).toBe(403);
    expect((await h.call('GET', `/shipments/${id}/loggers`)).status).toBe(401);
    const missing = await h.call('GET', '/shipments/shp-nope/loggers', users.pia);
    expect(missing.status).toBe(404);
    expect(fields(missing.body)).toEqual(['params.shipmentId']);
    expect((await h.call('GET', `/shipments/${id}/loggers`, users.ada)).status).toBe(200);
  });

  it('when a partner attaches to a shipment they do not carry (or nobody does yet), one that does not exist, or with a logger not theirs, then the refusal names the field', async () => {
    const { id } = await shipmentOnTheRoad(h);
    const pias = await registerLogger(h);
    const omars = await registerLogger(h, users.omar);
    const cases: [string, unknown, string, number, string][] = [
      [omars.deviceId, users.omar, id, 403, 'body.shipmentId'],
      [omars.deviceId, users.pia, id, 403, 'params.deviceId'],
      ['dev-nope', users.pia, id, 404, 'params.deviceId'],
      [pias.deviceId, users.pia, 'shp-nope', 404, 'body.shipmentId'],
    ];
    for (const [device, who, shipment, status, field] of cases) {
      const r = await h.call('POST', `/devices/${device}/attachments`, who as typeof users.pia, {
        shipmentId: shipment,
      });
      expect([r.status, fields(r.body)]).toEqual([status, [field]]);
    }
    const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `OPEN-${Date.now().toString(36)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    const [open] = await awaitShipments(h, order.orderId, 1);
    const r = await h.call('POST', `/devices/${pias.deviceId}/attachments`, users.pia, {
      shipmentId: String(open!._id),
    });
    // nobody carries an open shipment yet
    expect(r.status).toBe(403);
    expect(r.body.errors).toEqual([{ field: 'body.shipmentId', message: 'not a shipment your partner carries' }]);
  });
});
