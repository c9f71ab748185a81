import type { TraceIds } from './identifiers';
import type { TraceEvent } from './trace-events';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** UN/ECE Recommendation 20 codes for our units ('bunch' has none; 'BE' is bundle). */
const UOM: Record<string, string> = {
  kg: 'KGM',
  g: 'GRM',
  litre: 'LTR',
  piece: 'H87',
  dozen: 'DZN',
  box: 'BX',
  crate: 'CR',
  bunch: 'BE',
};

export interface EpcisEvent {
  type: 'ObjectEvent';
  eventTime: string;
  eventTimeZoneOffset: string;
  action: 'ADD' | 'OBSERVE';
  bizStep: string;
  disposition: string;
  readPoint: { id: string };
  bizLocation: { id: string };
  quantityList: { epcClass: string; quantity: number; uom: string }[];
  [extra: string]: unknown;
}

export interface EpcisDocument {
  '@context': (string | Record<string, string>)[];
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
}

/** All times are kept in UTC, so the local offset we can state truthfully is +00:00. */
const UTC = '+00:00';
const instant = (t: string) => (t.length === 10 ? `${t}T00:00:00.000Z` : new Date(t).toISOString());

const common = (e: TraceEvent, ids: TraceIds) => ({
  type: 'ObjectEvent' as const,
  eventTime: instant(e.time),
  eventTimeZoneOffset: UTC,
  quantityList: [
    { epcClass: ids.lotClass(e.listingId, e.lotCode), quantity: e.quantity, uom: UOM[e.unit] ?? 'H87' },
  ],
});

/** An OBSERVE event: the goods seen at a step of the chain, where it happened (readPoint) and where they are. */
const observe = (
  e: TraceEvent,
  ids: TraceIds,
  bizStep: string,
  disposition: string,
  readPoint: { id: string },
  bizLocation: { id: string },
) => ({ ...common(e, ids), action: 'OBSERVE' as const, bizStep, disposition, readPoint, bizLocation });

const movement = (e: TraceEvent, ids: TraceIds, back = false) => {
  const s = e.shipment!;
  const farm = [
    { type: 'owning_party', id: ids.farmParty(e.farm.farmId) },
    { type: 'location', id: ids.farmLocation(e.farm.farmId) },
  ];
  const buyer = [
    { type: 'owning_party', id: ids.buyerParty(s.orderId) },
    { type: 'location', id: ids.dropoffLocation(s.orderId) },
  ];
  const [from, to] = back ? [buyer, farm] : [farm, buyer];
  return {
    bizTransactionList: [{ type: 'po', bizTransaction: ids.order(s.orderId) }],
    sourceList: from.map((x) => ({ type: x.type, source: x.id })),
    destinationList: to.map((x) => ({ type: x.type, destination: x.id })),
  };
};

/** Map one trace fact to an EPCIS ObjectEvent; cooling and packing stay in the FSMA export only. */
export const toEpcisEvent = (e: TraceEvent, ids: TraceIds): EpcisEvent | undefined => {
  const farmLoc = { id: ids.farmLocation(e.farm.farmId) };
  const transit = () => ({ id: ids.inTransit(e.shipment!.shipmentId) });
  const dropoff = () => ({ id: ids.dropoffLocation(e.shipment!.orderId) });
  switch (e.kind) {
    case 'harvesting': {
      const lot = e.lot!;
      return {
        ...common(e, ids),
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        readPoint: { id: ids.fieldLocation(lot.farmId, lot.field) },
        bizLocation: farmLoc,
        // Instance/lot master data belongs on the event that brings the lot into existence, and only there.
        ilmd: {
          'ftt:lotCode': lot.lotCode,
          'ftt:harvestDate': lot.harvestDate,
          'ftt:field': lot.field,
          'ftt:farmId': lot.farmId,
          'ftt:farmName': lot.farmName,
          ...(lot.bestBefore ? { 'ftt:bestBeforeDate': lot.bestBefore } : {}),
        },
      };
    }
    case 'cooling':
    case 'initial_packing':
      return undefined;
    case 'shipping':
      return { ...observe(e, ids, 'shipping', 'in_transit', farmLoc, farmLoc), ...movement(e, ids) };
    case 'checkpoint':
      return {
        ...observe(e, ids, 'transporting', 'in_transit', transit(), transit()),
        'ftt:place': e.place,
        ...(e.temperatureC !== undefined
          ? {
              sensorElementList: [
                {
                  sensorMetadata: { time: instant(e.time) },
                  sensorReport: [{ type: 'gs1:Temperature', value: e.temperatureC, uom: 'CEL' }],
                },
              ],
              'ftt:temperatureExcursion': e.excursion === true,
            }
          : {}),
      };
    case 'sensor_report': {
      // A logger's curve while it carried the goods: one sensor element, its readings as timed reports.
      const sensor = e.sensor!;
      return {
        ...observe(e, ids, 'sensor_reporting', 'in_transit', transit(), transit()),
        sensorElementList: [
          {
            sensorMetadata: {
              time: instant(e.time),
              startTime: instant(e.time),
              endTime: sensor.until,
              deviceID: ids.device(sensor.deviceId),
            },
            sensorReport: sensor.points.map((p) => ({
              type: 'gs1:Temperature',
              value: p.c,
              time: new Date(p.t).toISOString(),
              uom: 'CEL',
            })),
          },
        ],
        'ftt:temperatureExcursion': e.excursion === true,
      };
    }
    case 'out_for_delivery':
      return observe(e, ids, 'departing', 'in_transit', transit(), transit());
    case 'delivery_failed':
      // A failed attempt: seen at the door, still in the partner's hands.
      return observe(e, ids, 'arriving', 'in_transit', dropoff(), transit());
    case 'receiving':
      return { ...observe(e, ids, 'receiving', 'in_progress', dropoff(), dropoff()), ...movement(e, ids) };
    case 'returned':
      return { ...observe(e, ids, 'receiving', 'returned', farmLoc, farmLoc), ...movement(e, ids, true) };
    default: {
      const never: never = e.kind;
      throw new Error(`unhandled trace event ${String(never)}`);
    }
  }
};

export const epcisDocument = (events: TraceEvent[], ids: TraceIds, now: string): EpcisDocument => ({
  '@context': [EPCIS_CONTEXT, { ftt: ids.vocabulary }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: now,
  epcisBody: {
    eventList: events.map((e) => toEpcisEvent(e, ids)).filter((e): e is EpcisEvent => e !== undefined),
  },
});
