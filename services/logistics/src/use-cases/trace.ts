import { DomainError, mayFarm, type Principal } from '@ftt/kit';
import { epcisDocument } from '../domain/trace/epcis';
import { fsmaCsv } from '../domain/trace/fsma-csv';
import { traceEvents } from '../domain/trace/trace-events';
import type { Context } from './context';
import { loadOrder } from './order-access';
import { curvesOf } from './temperatures';

/*
 * Traceability read models, built only from events this service consumed (listings, orders) and the
 * shipments it runs. Access: a lot's trace is for the members of its farm whose role may (trace.read: owners) and
 * operators; an order's trace is for the buyer of that order and operators. What clients see of lots and shipments is http/views.ts.
 */

const loadLot = async (ctx: Context, caller: Principal, lotCode: string) => {
  const [lot, shipments] = await Promise.all([ctx.lots.get(lotCode), ctx.shipments.byLot(lotCode)]);
  if (!lot && shipments.length === 0) throw new DomainError('lot.not_found', `no lot ${lotCode}`);
  const farmId = lot?.farmId ?? shipments[0]?.farmId;
  if (!(farmId !== undefined && mayFarm(caller, farmId, 'trace.read'))) {
    throw new DomainError(
      'lot.forbidden',
      "only the owners of this lot's farm (or an operator) may trace it",
    );
  }
  return { lot, shipments };
};

/** Where did this lot go: the lot, then every order that took some of it, with its shipment. */
export const traceLot = async (ctx: Context, caller: Principal, lotCode: string) => {
  const { lot, shipments } = await loadLot(ctx, caller, lotCode);
  const statuses = await Promise.all(shipments.map((s) => ctx.orders.get(s.orderId)));
  return {
    lotCode,
    lot,
    orders: shipments.map((s, i) => {
      const lines = s.lines.filter((l) => l.lotCode === lotCode);
      return {
        orderId: s.orderId,
        orderStatus: statuses[i]?.status ?? 'confirmed',
        quantity: lines.reduce((n, l) => n + l.quantity, 0),
        unit: lines[0]?.unit ?? lot?.unit ?? 'piece',
        shipment: s,
      };
    }),
  };
};
export type LotTrace = Awaited<ReturnType<typeof traceLot>>;

/** Where did my food come from: each line of the order back to farm, field, lot and harvest, with its shipment. */
export const traceOrder = async (ctx: Context, caller: Principal, orderId: string) => {
  const { facts, shipments, lots } = await loadOrder(ctx, caller, orderId);
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
          shipment: s,
        };
      }),
    ),
  };
};
export type OrderTrace = Awaited<ReturnType<typeof traceOrder>>;

/** The lot's chain as neutral trace facts, for the EPCIS and FSMA exports. */
const lotChain = async (ctx: Context, caller: Principal, lotCode: string) => {
  const { lot, shipments } = await loadLot(ctx, caller, lotCode);
  return traceEvents(
    [lotCode],
    new Map(lot ? [[lotCode, lot]] : []),
    shipments,
    await curvesOf(ctx, shipments),
  );
};

const orderChain = async (ctx: Context, caller: Principal, orderId: string) => {
  const { shipments, lotCodes, lots } = await loadOrder(ctx, caller, orderId);
  return traceEvents(lotCodes, lots, shipments, await curvesOf(ctx, shipments));
};

/** A traced thing (a lot, an order) by its id: its trace, and its chain of events as EPCIS 2.0 and as FSMA 204. */
export interface Traced<T> {
  trace: (ctx: Context, caller: Principal, id: string) => Promise<T>;
  epcis: (ctx: Context, caller: Principal, id: string) => Promise<ReturnType<typeof epcisDocument>>;
  fsma: (ctx: Context, caller: Principal, id: string) => Promise<string>;
}

const traced = <T>(
  trace: Traced<T>['trace'],
  chain: (ctx: Context, caller: Principal, id: string) => ReturnType<typeof lotChain>,
): Traced<T> => ({
  trace,
  epcis: async (ctx, caller, id) =>
    epcisDocument(await chain(ctx, caller, id), ctx.traceIds, ctx.clock().toISOString()),
  fsma: async (ctx, caller, id) => fsmaCsv(await chain(ctx, caller, id)),
});

export const lotTraced = traced(traceLot, lotChain);
export const orderTraced = traced(traceOrder, orderChain);
