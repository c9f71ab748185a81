import { DomainError } from '../domain/errors';
import type { Shipment } from '../domain/shipment';
import { epcisDocument } from '../domain/trace/epcis';
import { fsmaCsv } from '../domain/trace/fsma-csv';
import type { TraceIds } from '../domain/trace/identifiers';
import type { LotRecord } from '../domain/trace/lot';
import { traceEvents } from '../domain/trace/trace-events';
import type { Clock, LotRepo, OrderFactsRepo, ShipmentRepo } from './ports';

interface Caller {
  userId: string;
  role: string;
}

interface Deps {
  shipments: ShipmentRepo;
  lots: LotRepo;
  orders: OrderFactsRepo;
  ids: TraceIds;
  clock: Clock;
}

const lotView = (l: LotRecord) => ({
  lotCode: l.lotCode,
  product: l.product,
  farmId: l.farmId,
  farmName: l.farmName,
  field: l.field,
  harvestDate: l.harvestDate,
  bestBefore: l.bestBefore,
  quantity: l.quantity,
  unit: l.unit,
});

/** The journey of a shipment without anyone's personal data (no names, street, partner id or notes). */
const journey = (s: Shipment) => ({
  shipmentId: s.shipmentId,
  status: s.status,
  destination: { city: s.dropoff.address.city, country: s.dropoff.address.country },
  pickedUpAt: s.pickedUpAt,
  checkpoints: s.checkpoints.map((c) => ({
    place: c.place,
    time: c.time,
    temperatureC: c.temperatureC,
    excursion: c.excursion,
  })),
  excursions: s.excursions,
  outForDeliveryAt: s.outForDeliveryAt,
  deliveredAt: s.deliveredAt,
  returnedAt: s.returned?.at,
  cancelledAt: s.cancelled?.at,
});

/**
 * Traceability read models, built only from events this service consumed (listings, orders) and
 * the shipments it runs. Access: a lot's trace is for the farmer who owns the lot and admins; an
 * order's trace is for the buyer of that order and admins.
 */
export const makeTrace = (d: Deps) => {
  const loadLot = async (caller: Caller, lotCode: string) => {
    const [lot, shipments] = await Promise.all([d.lots.get(lotCode), d.shipments.byLot(lotCode)]);
    if (!lot && shipments.length === 0) throw new DomainError('lot.not_found', `no lot ${lotCode}`);
    if (caller.role !== 'admin' && lot?.farmerId !== caller.userId) {
      throw new DomainError('lot.forbidden', 'only the farmer of this lot (or an admin) may trace it');
    }
    return { lot, shipments };
  };

  const loadOrder = async (caller: Caller, orderId: string) => {
    const [facts, shipments] = await Promise.all([d.orders.get(orderId), d.shipments.byOrder(orderId)]);
    const buyerId = facts?.buyerId ?? shipments[0]?.buyerId;
    if (!buyerId) throw new DomainError('order.not_found', `no order ${orderId}`);
    if (caller.role !== 'admin' && buyerId !== caller.userId) {
      throw new DomainError('order.forbidden', 'only the buyer of this order (or an admin) may trace it');
    }
    const lotCodes = [...new Set(shipments.flatMap((s) => s.lotCodes))];
    return { facts, shipments, lotCodes, lots: await d.lots.many(lotCodes) };
  };

  return {
    async lot(caller: Caller, lotCode: string) {
      const { lot, shipments } = await loadLot(caller, lotCode);
      const statuses = await Promise.all(shipments.map((s) => d.orders.get(s.orderId)));
      return {
        lotCode,
        lot: lot ? lotView(lot) : null,
        orders: shipments.map((s, i) => {
          const lines = s.lines.filter((l) => l.lotCode === lotCode);
          return {
            orderId: s.orderId,
            orderStatus: statuses[i]?.status ?? 'confirmed',
            quantity: lines.reduce((n, l) => n + l.quantity, 0),
            unit: lines[0]?.unit ?? lot?.unit ?? 'piece',
            shipment: journey(s),
          };
        }),
      };
    },

    async order(caller: Caller, orderId: string) {
      const { facts, shipments, lots } = await loadOrder(caller, orderId);
      return {
        orderId,
        status: facts?.status ?? 'confirmed',
        confirmedAt: facts?.confirmedAt,
        lines: shipments.flatMap((s) =>
          s.lines.map((l) => {
            const lot = lots.get(l.lotCode);
            return {
              listingId: l.listingId,
              product: l.title,
              quantity: l.quantity,
              unit: l.unit,
              lotCode: l.lotCode,
              origin: {
                farmId: s.farmId,
                farmName: s.farmName,
                field: lot?.field ?? null,
                harvestDate: lot?.harvestDate ?? null,
              },
              shipment: journey(s),
            };
          }),
        ),
      };
    },

    async lotEpcis(caller: Caller, lotCode: string) {
      const { lot, shipments } = await loadLot(caller, lotCode);
      const lots = new Map(lot ? [[lotCode, lot]] : []);
      return epcisDocument(traceEvents([lotCode], lots, shipments), d.ids, d.clock.now().toISOString());
    },

    async orderEpcis(caller: Caller, orderId: string) {
      const { shipments, lotCodes, lots } = await loadOrder(caller, orderId);
      return epcisDocument(traceEvents(lotCodes, lots, shipments), d.ids, d.clock.now().toISOString());
    },

    async lotFsma(caller: Caller, lotCode: string) {
      const { lot, shipments } = await loadLot(caller, lotCode);
      return fsmaCsv(traceEvents([lotCode], new Map(lot ? [[lotCode, lot]] : []), shipments));
    },

    async orderFsma(caller: Caller, orderId: string) {
      const { shipments, lotCodes, lots } = await loadOrder(caller, orderId);
      return fsmaCsv(traceEvents(lotCodes, lots, shipments));
    },
  };
};
export type Trace = ReturnType<typeof makeTrace>;
