import { describe, expect, it } from 'vitest';
import { decide } from '../shipment-decide';
import { at, changed, claim, deliver, given, outForDelivery, PIA, pickUp } from '../test-fixtures';
import { epcisDocument, EPCIS_CONTEXT } from './epcis';
import { csvField, FSMA_COLUMNS, fsmaCsv } from './fsma-csv';
import { traceIds } from './identifiers';
import type { LotRecord } from './lot';
import { traceEvents } from './trace-events';

const lot: LotRecord = {
  lotCode: 'LOT-T1',
  listingId: 'lst-tomato',
  product: 'Truss tomatoes',
  category: 'vegetables',
  farmId: 'farm-dehof',
  farmName: 'De Hof',
  farmerId: 'user-farmer-anna',
  region: 'Gelderland',
  field: 'Greenhouse 2',
  harvestDate: '2026-11-27',
  quantity: 400,
  unit: 'kg',
  pickupAddress: { line1: 'Hofweg 3', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' },
  coldChain: { minC: 8, maxC: 14 },
  firstListedAt: '2026-11-27T15:00:00.000Z',
};
const ids = traceIds('https://id.example/');

const delivered = () => {
  const s = given(claim, pickUp);
  const withCp = changed(
    decide(
      s,
      { kind: 'record_checkpoint', partnerId: PIA, place: 'Hub', time: at(3), temperatureC: 20 },
      new Date(at(3)),
    ),
  ).shipment;
  return [outForDelivery, deliver].reduce((x, c, i) => changed(decide(x, c, new Date(at(4 + i)))).shipment, withCp);
};

describe('trace events', () => {
  it('when a lot was shipped and delivered, then its chain runs harvest -> cooling -> packing -> shipping -> checkpoint -> out for delivery -> receiving', () => {
    const events = traceEvents(['LOT-T1'], new Map([['LOT-T1', lot]]), [delivered()]);
    expect(events.map((e) => e.kind)).toEqual([
      'harvesting',
      'cooling',
      'initial_packing',
      'shipping',
      'checkpoint',
      'out_for_delivery',
      'receiving',
    ]);
    expect(events.find((e) => e.kind === 'shipping')!.quantity).toBe(3); // the line of this lot, not the whole shipment
  });

  it('when the lot is unknown (no listing event seen), then only the shipment facts appear', () => {
    expect(traceEvents(['LOT-T1'], new Map(), [delivered()]).map((e) => e.kind)[0]).toBe('shipping');
  });

  it('when a shipment never left the farm, then it adds nothing to the chain', () => {
    expect(traceEvents(['LOT-T1'], new Map([['LOT-T1', lot]]), [given(claim)]).map((e) => e.kind)).toEqual([
      'harvesting',
      'cooling',
      'initial_packing',
    ]);
  });
});

describe('EPCIS 2.0 document', () => {
  const doc = epcisDocument(
    traceEvents(['LOT-T1'], new Map([['LOT-T1', lot]]), [delivered()]),
    ids,
    '2026-11-29T10:00:00.000Z',
  );

  it('when built, then it has the 2.0 context, type, schema version and creation date', () => {
    expect(doc['@context'][0]).toBe(EPCIS_CONTEXT);
    expect(doc).toMatchObject({
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-11-29T10:00:00.000Z',
    });
  });

  it('when built, then only the commissioning event is ADD and carries ILMD; all others OBSERVE without it', () => {
    const [first, ...rest] = doc.epcisBody.eventList;
    expect(first).toMatchObject({
      action: 'ADD',
      bizStep: 'commissioning',
      eventTime: '2026-11-27T00:00:00.000Z',
      eventTimeZoneOffset: '+00:00',
    });
    expect(first!.ilmd).toMatchObject({
      'ftt:harvestDate': '2026-11-27',
      'ftt:field': 'Greenhouse 2',
      'ftt:farmId': 'farm-dehof',
    });
    expect(rest.every((e) => e.action === 'OBSERVE' && !('ilmd' in e))).toBe(true);
  });

  it('when built, then identifiers derive from farm and listing ids under the base, with the lot as /10/<lot>', () => {
    const [first] = doc.epcisBody.eventList;
    expect(first!.bizLocation.id).toBe('https://id.example/location/farm/farm-dehof');
    expect(first!.quantityList).toEqual([
      { epcClass: 'https://id.example/product/lst-tomato/10/LOT-T1', quantity: 400, uom: 'KGM' },
    ]);
  });

  it('when a checkpoint was too warm, then its event carries the temperature reading and the excursion flag', () => {
    const cp = doc.epcisBody.eventList.find((e) => e.bizStep === 'transporting')!;
    expect(cp.sensorElementList).toEqual([
      { sensorMetadata: { time: at(3) }, sensorReport: [{ type: 'gs1:Temperature', value: 20, uom: 'CEL' }] },
    ]);
    expect(cp['ftt:temperatureExcursion']).toBe(true);
  });
});

describe('FSMA 204 CSV', () => {
  it('when a field holds a comma, a quote or a line break, then it is quoted with inner quotes doubled (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('plot "7"')).toBe('"plot ""7"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('when exported, then the header is first, rows are CRLF-terminated, and there is one row per CTE with no empty cell', () => {
    const csv = fsmaCsv(traceEvents(['LOT-T1'], new Map([['LOT-T1', lot]]), [delivered()]));
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(FSMA_COLUMNS.join(','));
    const rows = lines.slice(1, -1);
    expect(rows.map((r) => r.split(',')[0])).toEqual([
      'Harvesting',
      'Cooling',
      'Initial Packing',
      'Shipping',
      'Receiving',
    ]);
    expect(csv).not.toMatch(/,,|,\r\n|^,/m);
  });

  it('when an order holds two lots, then the rows are sorted by lot code, then by date and time', () => {
    const pepper: LotRecord = { ...lot, lotCode: 'LOT-P1', listingId: 'lst-pepper', product: 'Peppers', harvestDate: '2026-11-26' };
    const events = traceEvents(['LOT-T1', 'LOT-P1'], new Map([['LOT-T1', lot], ['LOT-P1', pepper]]), [delivered()]);
    // The trace itself runs in time order, across lots.
    expect(new Set(events.slice(0, 4).map((e) => e.lotCode)).size).toBe(2);
    const rows = fsmaCsv(events).split('\r\n').slice(1, -1).map((r) => r.split(','));
    const keys = rows.map((r) => [r[2]!, r[1]!]);
    expect(keys.map((k) => k[0])).toEqual([...keys.map((k) => k[0])].sort());
    for (const code of ['LOT-P1', 'LOT-T1']) {
      const dates = keys.filter((k) => k[0] === code).map((k) => k[1]);
      expect(dates).toEqual([...dates].sort());
      expect(dates.length).toBe(5);
    }
    expect(rows[0]![2]).toBe('LOT-P1');
    expect(rows.at(-1)![2]).toBe('LOT-T1');
  });
});

describe('sensor curves in the exports', () => {
  const shipment = delivered();
  const t0 = Date.parse(at(2));
  const curves = new Map([
    [
      shipment.shipmentId,
      [
        {
          name: 'Logger 1',
          deviceId: 'dev-1',
          points: [
            { t: t0, c: 9 },
            { t: t0 + 60_000, c: 21 },
          ],
          startMs: t0,
          endMs: t0 + 120_000,
        },
      ],
    ],
  ]);
  const events = traceEvents(['LOT-T1'], new Map([['LOT-T1', lot]]), [shipment], curves);

  it('when a shipment has a logger curve, then EPCIS has a sensor_reporting event with a timed gs1:Temperature report per point', () => {
    const doc = epcisDocument(events, ids, at(9));
    const sensor = doc.epcisBody.eventList.find((e) => e.bizStep === 'sensor_reporting')!;
    expect(sensor.action).toBe('OBSERVE');
    expect(sensor.readPoint.id).toBe(`https://id.example/location/shipment/${shipment.shipmentId}`);
    expect(sensor.sensorElementList).toEqual([
      {
        sensorMetadata: {
          time: at(2),
          startTime: at(2),
          endTime: new Date(t0 + 120_000).toISOString(),
          deviceID: 'https://id.example/device/dev-1',
        },
        sensorReport: [
          { type: 'gs1:Temperature', value: 9, time: at(2), uom: 'CEL' },
          { type: 'gs1:Temperature', value: 21, time: at(3), uom: 'CEL' },
        ],
      },
    ]);
  });

  it('when a shipment has a logger curve, then the FSMA 204 spreadsheet is unchanged (a sensor report is no CTE)', () => {
    expect(fsmaCsv(events)).toBe(fsmaCsv(traceEvents(['LOT-T1'], new Map([['LOT-T1', lot]]), [shipment])));
  });
});
