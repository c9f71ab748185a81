import type { EventData } from '@ftt/contracts';
import { planShipment } from './plan-shipments';
import type { Shipment, ShipmentEvent } from './shipment';
import { decide, type ShipmentCommand, type ShipmentOutcome } from './shipment-decide';

export const T0 = '2026-11-28T09:00:00.000Z';
/** The clock `minutes` after T0 (what a decider is given as `now`), and the same as stored (ISO). */
export const time = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
export const at = (minutes: number) => time(minutes).toISOString();

export const confirmed = (): EventData<'ftt.orders.order.confirmed.v1'> => ({
  orderId: 'ord-1',
  buyerId: 'user-buyer-ben',
  confirmedAt: T0,
  dropoff: {
    address: { line1: 'Keizersgracht 120', city: 'Amsterdam', postalCode: '1015 CW', country: 'NL' },
    contactName: 'Ben Buyer',
    phone: '+31 20 555 0101',
  },
  shipments: [
    {
      farmId: 'farm-dehof',
      farmName: 'De Hof',
      region: 'Gelderland',
      pickupAddress: { line1: 'Hofweg 3', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' },
      coldChain: { minC: 8, maxC: 14 },
      lines: [
        { listingId: 'lst-tomato', title: 'Truss tomatoes', quantity: 3, unit: 'kg', lotCode: 'LOT-T1' },
        { listingId: 'lst-pepper', title: 'Peppers', quantity: 2, unit: 'kg', lotCode: 'LOT-P1' },
      ],
    },
  ],
});

export const openShipment = (): Shipment =>
  planShipment(
    confirmed(),
    confirmed().shipments[0]!,
    { shipmentId: 'shp-1', trackingCode: 'FTT-ABCDEFGHJKMN' },
    T0,
  ).shipment;

/** The change an outcome must be: its new shipment and events (anything else fails the test). */
export const changed = (o: ShipmentOutcome): { shipment: Shipment; events: ShipmentEvent[] } => {
  if (o.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(o)}`);
  return { shipment: o.state, events: o.events };
};

/** Run commands in order from a fresh open shipment, one minute apart. */
export const given = (...cmds: ShipmentCommand[]): Shipment =>
  cmds.reduce((s, cmd, i) => changed(decide(s, cmd, time(i + 1))).shipment, openShipment());

export const PIA = 'user-partner-pia';
export const claim: ShipmentCommand = { kind: 'claim', partnerId: PIA };
export const pickUp: ShipmentCommand = { kind: 'pick_up', partnerId: PIA };
export const outForDelivery: ShipmentCommand = { kind: 'send_out_for_delivery', partnerId: PIA };
export const failDelivery: ShipmentCommand = { kind: 'fail_delivery', partnerId: PIA, reason: 'nobody home' };
export const deliver: ShipmentCommand = {
  kind: 'deliver',
  partnerId: PIA,
  recipientName: 'Ben',
  proofRef: 'pod-1',
};
