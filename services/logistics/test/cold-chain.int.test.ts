import { deadLetterTopic, Topics } from '@ftt/contracts';
import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { minutes, registerLogger, shipmentOnTheRoad, startColdChain } from './cold-chain-support';
import { validateEpcisDocument } from './epcis-validator';
import { ofOrder, until, users } from './support';

// Curves of at most 20 points, so that a half-hour trip at a reading a minute is downsampled.
const h = startedForFile(() => startColdChain('logistics-cold', { CURVE_POINTS: '20' }), { startMs: 60_000 });

const buckets = (shipmentId: string) => h.db.db!.collection('reading_buckets').find({ shipmentId }).toArray();
const storedReadings = async (shipmentId: string) =>
  (await buckets(shipmentId)).reduce((n, b) => n + Object.keys(b.r as object).length, 0);
const excursionsOf = (orderId: string) =>
  ofOrder(h.probe.of('ftt.logistics.shipment.temperature_excursion.v1'), orderId);

describe('ingest: device credentials', () => {
  it('when a batch comes without credentials, with a wrong secret or an unknown device, then 401 problem+json and nothing is published', async () => {
    const { deviceId, auth } = await registerLogger(h);
    const body = { readings: minutes(Date.now(), [4]) };
    for (const header of [
      undefined,
      'Bearer abc',
      `Device ${deviceId}:${'x'.repeat(43)}`,
      auth.replace(deviceId, 'dev-nope'),
    ]) {
      const r = await h.send(header, body);
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('device.unauthenticated');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(
      h.probe.of('ftt.logistics.device.readings_recorded.v1').filter((e) => e.data.deviceId === deviceId),
    ).toEqual([]);
  });

  it('when a stranger sends a malformed, wrongly shaped or oversized body, then 401 (the credentials are checked before the body is read)', async () => {
    const { deviceId } = await registerLogger(h);
    const wrong = `Device ${deviceId}:${'x'.repeat(43)}`;
    for (const body of [
      '{"readings": [',
      JSON.stringify({ readings: [{ t: 'yesterday', c: 'cold' }], extra: true }),
      JSON.stringify({ readings: [], pad: 'x'.repeat(200_000) }),
    ]) {
      for (const header of [undefined, wrong]) {
        const r = await fetch(`${h.ingest.url}/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : {}) },
          body,
        });
        expect(r.status).toBe(401);
        expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(((await r.json()) as { code: string }).code).toBe('device.unauthenticated');
      }
    }
  });

  it('when a registered logger sends a batch, then 202 and one event keyed by the device is on the readings topic', async () => {
    const { deviceId, auth } = await registerLogger(h);
    const r = await h.send(auth, { readings: minutes(Date.now(), [4.5, 4.6, 4.7]) });
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(3);
    const [event] = await until(() => {
      const e = h.probe
        .of('ftt.logistics.device.readings_recorded.v1')
        .filter((x) => x.data.deviceId === deviceId);
      return e.length ? e : undefined;
    });
    expect(event!.data.readings.map((x) => x.c)).toEqual([4.5, 4.6, 4.7]);
    const raw = h.probe.raw.find(
      (m) => m.topic === h.t.topicPrefix + Topics.readings && m.headers.ce_id === event!.id,
    );
    expect(raw?.key).toBe(deviceId);
  });

  it('when the registration answer is read again, then the secret is never shown and never stored in clear', async () => {
    const { deviceId, auth } = await registerLogger(h);
    const list = await h.call('GET', '/devices', users.pia);
    expect(list.status).toBe(200);
    const mine = list.body.devices.find((d: { deviceId: string }) => d.deviceId === deviceId);
    expect(mine).toMatchObject({ kind: 'crate', label: 'Crate 7', ownerId: users.pia.userId });
    expect(JSON.stringify(list.body)).not.toContain(auth.split(':')[1]);
    const doc = await h.db.db!.collection('devices').findOne({ _id: deviceId } as never);
    expect(JSON.stringify(doc)).not.toContain(auth.split(':')[1]);
    expect(doc!.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('ingest: batch limits', () => {
  it.each([
    ['501 readings', { readings: minutes(Date.now(), Array<number>(501).fill(4)) }, 'body.readings'],
    ['no reading', { readings: [] }, 'body.readings'],
    ['a time without offset', { readings: [{ t: '2026-11-28T09:00:00', c: 4 }] }, 'body.readings.0.t'],
    [
      'a value out of the sensor range',
      { readings: [{ t: new Date().toISOString(), c: 120 }] },
      'body.readings.0.c',
    ],
    ['an unknown field', { readings: [{ t: new Date().toISOString(), c: 4 }], battery: 3 }, 'body.battery'],
    [
      'an unknown field inside a reading (a unit)',
      { readings: [{ t: new Date().toISOString(), c: 40, unit: 'F' }] },
      'body.readings.0.unit',
    ],
    [
      'a reading two days ahead',
      { readings: minutes(Date.now() + 2 * 86_400_000, [4]) },
      'body.readings.0.t',
    ],
  ])('when a batch has %s, then 400 problem+json naming the field', async (_what, body, field) => {
    const { auth } = await registerLogger(h);
    const r = await h.send(auth, body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('when a batch has 500 readings, then it is accepted', async () => {
    const { auth } = await registerLogger(h);
    const r = await h.send(auth, {
      readings: minutes(Date.now() - 600 * 60_000, Array<number>(500).fill(4)),
    });
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(500);
  });
});

describe('attachment', () => {
  it('when another partner, a buyer or the owner of another device tries to attach, then 403; an open shipment cannot carry a logger', async () => {
    const { id } = await shipmentOnTheRoad(h);
    const pias = await registerLogger(h, users.pia);
    const omars = await registerLogger(h, users.omar);
    expect(
      (await h.call('POST', `/devices/${omars.deviceId}/attachments`, users.omar, { shipmentId: id })).status,
    ).toBe(403);
    expect(
      (await h.call('POST', `/devices/${omars.deviceId}/attachments`, users.pia, { shipmentId: id })).status,
    ).toBe(403);
    expect(
      (await h.call('POST', `/devices/${pias.deviceId}/attachments`, users.ben, { shipmentId: id })).status,
    ).toBe(403);
    expect(
      (await h.call('POST', `/devices/dev-nope/attachments`, users.pia, { shipmentId: id })).status,
    ).toBe(404);
    const r = await h.call('POST', `/devices/${pias.deviceId}/attachments`, users.pia, {
      shipmentId: 'shp-nope',
    });
    expect(r.status).toBe(404);
  });

  it('when a logger is attached, detached and attached again, then only readings inside the intervals belong to the shipment', async () => {
    const { id } = await shipmentOnTheRoad(h);
    const { deviceId, auth } = await registerLogger(h);
    const before = Date.now() - 60 * 60_000;
    const a1 = await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id });
    expect(a1.status).toBe(201);
    expect(a1.body).toMatchObject({ deviceId, shipmentId: id, to: null });
    const again = await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id });
    expect(again.body.from).toBe(a1.body.from);
    // An hour before the attachment: not the shipment's. After it: the shipment's.
    expect((await h.send(auth, { readings: minutes(before, [10, 10, 10]) })).status).toBe(202);
    const from = Date.parse(a1.body.from) + 1_000;
    expect((await h.send(auth, { readings: minutes(from, [10, 11, 12]) })).status).toBe(202);
    await until(async () => ((await storedReadings(id)) === 3 ? true : undefined));
    const detached = await h.call('DELETE', `/devices/${deviceId}/attachments/${id}`, users.pia);
    expect(detached.status).toBe(200);
    expect(detached.body.to).not.toBeNull();
    expect((await h.call('DELETE', `/devices/${deviceId}/attachments/${id}`, users.pia)).status).toBe(404);
    // After the detach (readings an hour later), nothing more is stored for the shipment.
    expect((await h.send(auth, { readings: minutes(Date.now() + 60 * 60_000, [10, 10]) })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await storedReadings(id)).toBe(3);
    const intervals = await h.db.db!.collection('device_attachments').find({ shipmentId: id }).toArray();
    expect(intervals.map((i) => i.to === null)).toEqual([false]);
  });
});

describe('excursions from a logger', () => {
  it("when two loggers' excursions arrive as many small events back to back (handled a fetched batch at a time), then each shipment gets exactly one temperature_excursion and every reading is stored", async () => {
    const loggers = [];
    for (let i = 0; i < 2; i++) {
      const { id, order } = await shipmentOnTheRoad(h);
      const { deviceId } = await registerLogger(h);
      const a = await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id });
      const start = Date.parse(a.body.from) + 1_000;
      // 5 minutes fine, 20 minutes at 17 °C (one at 18.5), 5 fine: an excursion no single event shows whole.
      const all = minutes(start, [
        ...Array<number>(5).fill(11),
        ...Array<number>(20)
          .fill(17)
          .map((c, k) => (k === 7 ? 18.5 + i : c)),
        ...Array<number>(5).fill(11),
      ]);
      loggers.push({ id, order, deviceId, all });
    }
    // Six events of 5 readings per logger, interleaved, straight onto the topic as the ingest would publish them.
    for (let k = 0; k < 6; k++)
      for (const l of loggers)
        await h.probe.send('ftt.logistics.device.readings_recorded.v1', {
          deviceId: l.deviceId,
          receivedAt: new Date().toISOString(),
          readings: l.all.slice(k * 5, k * 5 + 5),
        });
    for (const l of loggers) await until(() => (excursionsOf(l.order.orderId).length ? true : undefined));
    await new Promise((r) => setTimeout(r, 2_000));
    for (const [i, l] of loggers.entries()) {
      const raised = excursionsOf(l.order.orderId);
      expect(raised).toHaveLength(1);
      expect(raised[0]!.data).toMatchObject({
        shipmentId: l.id,
        at: l.all[5]!.t,
        temperatureC: 18.5 + i,
        place: `sensor ${l.deviceId}`,
      });
      expect(await storedReadings(l.id)).toBe(l.all.length);
    }
    expect(h.probe.deadLetters(Topics.readings)).toEqual([]);
  });

  it('when a logger reads 18 °C for 20 minutes (range 8..14), then exactly one temperature_excursion, also after redelivery and a resent batch', async () => {
    const { id, order, trackingCode } = await shipmentOnTheRoad(h);
    const { deviceId, auth } = await registerLogger(h);
    const a = await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id });
    const start = Date.parse(a.body.from) + 1_000;
    // 10 minutes fine, 21 minutes at 18-19 °C, 5 minutes fine again: sent in three batches, the last one first.
    const values = [
      ...Array<number>(10).fill(11),
      ...Array<number>(21)
        .fill(18)
        .map((c, i) => (i === 10 ? 19.5 : c)),
      ...Array<number>(5).fill(11),
    ];
    const all = minutes(start, values);
    const batches = [all.slice(0, 12), all.slice(12, 25), all.slice(25)];
    for (const b of [batches[2]!, batches[0]!, batches[1]!])
      expect((await h.send(auth, { readings: b })).status).toBe(202);
    const [raised] = await until(() => {
      const e = excursionsOf(order.orderId);
      return e.length ? e : undefined;
    });
    expect(raised!.correlationid).toBe(order.orderId);
    expect(raised!.data).toMatchObject({
      shipmentId: id,
      at: all[10]!.t,
      temperatureC: 19.5,
      minC: 8,
      maxC: 14,
      place: `sensor ${deviceId}`,
    });

    // The same batch again over HTTP (a logger retrying), and the recorded event redelivered on the topic.
    expect((await h.send(auth, { readings: batches[1] })).status).toBe(202);
    const recorded = h.probe
      .of('ftt.logistics.device.readings_recorded.v1')
      .find((e) => e.data.deviceId === deviceId)!;
    await h.probe.send('ftt.logistics.device.readings_recorded.v1', recorded.data, { id: recorded.id });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(excursionsOf(order.orderId)).toHaveLength(1);
    expect(await storedReadings(id)).toBe(all.length);
    const shipment = await h.db.db!.collection('shipments').findOne({ _id: id } as never);
    expect(shipment!.excursions).toEqual([
      expect.objectContaining({ deviceId, time: all[10]!.t, until: all[30]!.t, temperatureC: 19.5 }),
    ]);
    expect(h.probe.deadLetters(Topics.readings)).toEqual([]);
    expect(deadLetterTopic(Topics.readings)).toBe('ftt.logistics.readings.v1.dlq');

    // The public tracking flags it, and its curve is there, downsampled, without the device id.
    const track = await h.call('GET', `/track/${trackingCode}`);
    expect(track.body.temperatureExcursion).toBe(true);
    const curve = await h.call('GET', `/track/${trackingCode}/temperatures`);
    expect(curve.status).toBe(200);
    const [s] = curve.body.shipments;
    expect(s.coldChain).toEqual({ minC: 8, maxC: 14 });
    expect(s.series).toHaveLength(1);
    expect(s.series[0].points.length).toBeLessThanOrEqual(20);
    expect(Math.max(...s.series[0].points.map((p: { temperatureC: number }) => p.temperatureC))).toBe(19.5);
    expect(s.excursions).toEqual([
      { from: all[10]!.t, until: all[30]!.t, temperatureC: 19.5, logger: 'Logger 1' },
    ]);
    expect(JSON.stringify(curve.body)).not.toContain(deviceId);
  });

  it('when a logger dips outside the range for 5 minutes only, then no excursion is raised', async () => {
    const { id, order } = await shipmentOnTheRoad(h);
    const { deviceId, auth } = await registerLogger(h);
    const a = await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id });
    const readings = minutes(Date.parse(a.body.from) + 1_000, [11, 11, 16, 16, 16, 16, 16, 16, 11, 11]);
    expect((await h.send(auth, { readings })).status).toBe(202);
    await until(async () => ((await storedReadings(id)) === readings.length ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    expect(excursionsOf(order.orderId)).toEqual([]);
  });
});

describe('the order trace and EPCIS with the curve', () => {
  it('when the buyer exports the order, then a sensor_reporting event carries the downsampled curve as gs1:Temperature reports in CEL', async () => {
    const { id, order } = await shipmentOnTheRoad(h);
    const { deviceId, auth } = await registerLogger(h);
    const a = await h.call('POST', `/devices/${deviceId}/attachments`, users.pia, { shipmentId: id });
    const readings = minutes(
      Date.parse(a.body.from) + 1_000,
      Array.from({ length: 60 }, (_, i) => 10 + (i % 7) / 2),
    );
    expect((await h.send(auth, { readings })).status).toBe(202);
    await until(async () => ((await storedReadings(id)) === 60 ? true : undefined));

    const curves = await h.call('GET', `/trace/orders/${order.orderId}/temperatures`, users.ben);
    expect(curves.status).toBe(200);
    expect(curves.body.shipments[0].series[0].points.length).toBeLessThanOrEqual(20);
    expect((await h.call('GET', `/trace/orders/${order.orderId}/temperatures`, users.carla)).status).toBe(
      403,
    );

    const r = await h.call('GET', `/trace/orders/${order.orderId}/epcis`, users.ben);
    expect(r.status).toBe(200);
    expect(validateEpcisDocument(r.body)).toEqual([]);
    const sensor = r.body.epcisBody.eventList.filter(
      (e: { bizStep: string }) => e.bizStep === 'sensor_reporting',
    );
    expect(sensor).toHaveLength(1);
    const [element] = sensor[0].sensorElementList;
    expect(element.sensorMetadata).toMatchObject({
      startTime: readings[0]!.t,
      endTime: readings.at(-1)!.t,
      deviceID: `https://id.test.example/device/${deviceId}`,
    });
    expect(element.sensorReport.length).toBeGreaterThan(1);
    expect(element.sensorReport.length).toBeLessThanOrEqual(20);
    for (const rep of element.sensorReport) {
      expect(rep).toEqual({
        type: 'gs1:Temperature',
        value: expect.any(Number),
        time: expect.any(String),
        uom: 'CEL',
      });
    }
    expect(sensor[0]['ftt:temperatureExcursion']).toBe(false);
    // The FSMA spreadsheet has no row for sensor reports (not a Critical Tracking Event).
    const csv = await h.call('GET', `/trace/orders/${order.orderId}/fsma.csv`, users.ben);
    expect(csv.text).not.toMatch(/sensor/i);
  });
});
