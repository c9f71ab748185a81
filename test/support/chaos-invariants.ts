import type { TypedEnvelope } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import type { ServiceDbs } from './chaos-db';
import type { ListingInfo } from './chaos-load';

/**
 * The invariants of the saga after a run, checked against the services' own databases and against
 * what is on the Kafka topics. Each check returns its violations (empty = holds) and how many things
 * it looked at, so a summary shows that it checked something.
 */

type Doc = mongo.Document;
type Ev = { id: string; type: string; data: Record<string, unknown> };

export interface CheckResult {
  name: string;
  checked: number;
  violations: string[];
}

const TERMINAL = ['completed', 'rejected', 'cancelled', 'expired', 'refunded'];

const groupBy = <T>(xs: readonly T[], key: (x: T) => string) => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
};
const distinct = <T>(xs: readonly T[]) => [...new Set(xs)];

export interface InvariantInput {
  dbs: ServiceDbs;
  events: TypedEnvelope[];
  /** Raw messages per topic name, dead letters included. */
  raw: { topic: string; value: string }[];
  listings: ListingInfo[];
  /** Order ids the driver got a 201/200 for. */
  placedByClients: string[];
  lag: Record<string, number>;
}

export interface InvariantReport {
  results: CheckResult[];
  /** Facts for the summary. */
  facts: {
    orders: number;
    byState: Record<string, number>;
    eventsOnKafka: number;
    distinctEvents: number;
    /** Same event id published more than once (the relay's at-least-once after a crash). */
    republished: number;
    byType: Record<string, number>;
    deadLetters: number;
  };
}

export const checkInvariants = async (i: InvariantInput): Promise<InvariantReport> => {
  const { dbs } = i;
  const results: CheckResult[] = [];
  const check = (name: string, checked: number, violations: string[]) =>
    results.push({ name, checked, violations });

  const orders = await dbs.all('orders', 'orders');
  const orderById = new Map(orders.map((o) => [String(o._id), o]));
  const reservations = new Map((await dbs.all('catalog', 'reservations')).map((r) => [String(r._id), r]));
  const listings = new Map((await dbs.all('catalog', 'listings')).map((l) => [String(l._id), l]));
  const shipments = await dbs.all('logistics', 'shipments');
  const facts = new Map((await dbs.all('logistics', 'order_facts')).map((f) => [String(f._id), f]));
  const ordersReadModel = new Map((await dbs.all('orders', 'listings')).map((l) => [String(l._id), l]));
  const lots = new Map((await dbs.all('logistics', 'lots')).map((l) => [String(l._id), l]));

  // Events, once per id (the relay may publish an event twice; consumers de-duplicate by id).
  const unique = new Map<string, Ev>();
  for (const e of i.events) unique.set(e.id, e as unknown as Ev);
  const events = [...unique.values()];
  const of = (type: string) => events.filter((e) => e.type === `ftt.${type}.v1`);
  const byOrder = (type: string) => groupBy(of(type), (e) => String(e.data.orderId));
  const has = (type: string, orderId: string) => byOrder(type).has(orderId);
  const memo = new Map<string, Map<string, Ev[]>>();
  const idx = (type: string) => {
    let m = memo.get(type);
    if (!m) memo.set(type, (m = byOrder(type)));
    return m;
  };

  // 1. Every order ends; none is left hanging, and no provider work is left owed.
  check(
    'every order is in a terminal state',
    orders.length,
    orders
      .filter((o) => !TERMINAL.includes(String(o.state)))
      .map((o) => `${String(o._id)} is ${String(o.state)}`),
  );
  check(
    'every order a client placed exists',
    i.placedByClients.length,
    i.placedByClients.filter((id) => !orderById.has(id)).map((id) => `${id} missing`),
  );
  check(
    'no refund or payout left owed',
    orders.length,
    orders.flatMap((o) => {
      const v: string[] = [];
      if (o.refund?.status === 'pending') v.push(`${String(o._id)}: refund pending`);
      for (const f of (o.farms ?? []) as Doc[])
        if (f.payout?.status === 'pending') v.push(`${String(o._id)}: payout to ${String(f.farmId)} pending`);
      if (o.followUpAt) v.push(`${String(o._id)}: follow-up still scheduled at ${String(o.followUpAt)}`);
      return v;
    }),
  );

  // 2. Money: at most one successful payment per order; what did not complete is refunded once.
  const succeeded = idx('orders.payment.succeeded');
  const refunded = idx('orders.payment.refunded');
  check(
    'at most one successful payment per order (payment.succeeded)',
    orders.length,
    [...succeeded]
      .filter(([, es]) => distinct(es.map((e) => String(e.data.paymentId))).length > 1)
      .map(([id, es]) => `${id}: payments ${distinct(es.map((e) => String(e.data.paymentId))).join(', ')}`),
  );
  check(
    'a paid order that did not complete is refunded exactly once (less what operators refunded); a completed one never',
    orders.length,
    orders.flatMap((o) => {
      const id = String(o._id);
      const paid = o.payment?.status === 'succeeded';
      const refunds = distinct((refunded.get(id) ?? []).map((e) => String(e.data.refundId)));
      if (paid !== succeeded.has(id))
        return [
          `${id}: stored payment ${String(o.payment?.status)} but ${succeeded.has(id) ? 'a' : 'no'} payment.succeeded event`,
        ];
      if (!paid) return refunds.length ? [`${id}: refunded without a payment`] : [];
      // Operators' refunds (issue #27) each have their own refund id and event; the saga refunds only what they left.
      const byOperators = ((o.operatorRefunds ?? []) as Doc[]).filter((r) => r.status === 'refunded');
      const operatorIds = byOperators.map((r) => String(r.refundId));
      const missing = operatorIds.filter((r) => !refunds.includes(r));
      if (missing.length) return [`${id}: operator refunds ${missing.join(', ')} without payment.refunded`];
      const saga = refunds.filter((r) => !operatorIds.includes(r));
      const returned = ((o.farms ?? []) as Doc[]).some((f) => f.returned);
      if (o.state === 'completed' && !returned) return saga.length ? [`${id}: completed and refunded`] : [];
      if (!o.refund) {
        // Nothing left for the saga to refund only when operators refunded it first (the money check counts how much).
        if (saga.length) return [`${id}: refunded by the saga without a stored refund`];
        return byOperators.length ? [] : [`${id} (${String(o.state)}): paid, not completed, and never refunded`];
      }
      if (saga.length !== 1 || o.refund?.status !== 'refunded')
        return [`${id} (${String(o.state)}): ${saga.length} refunds, stored refund ${String(o.refund?.status)}`];
      return [];
    }),
  );
  const payouts = groupBy(
    of('orders.payout.made'),
    (e) => `${String(e.data.orderId)}/${String(e.data.farmId)}`,
  );
  check(
    'one transfer per farm of a completed order, none for any other (payout.made)',
    orders.length,
    orders.flatMap((o) => {
      const id = String(o._id);
      return ((o.farms ?? []) as Doc[]).flatMap((f) => {
        const transfers = distinct(
          (payouts.get(`${id}/${String(f.farmId)}`) ?? []).map((e) => String(e.data.transferId)),
        );
        // Paid if and only if the farm's produce was delivered (a completed order may hold a returned farm), and
        // something was left for the farmer (an operator may have refunded it all before: issue #27).
        const want = o.state === 'completed' && f.deliveredAt && Number(f.payout?.amount?.amount ?? 1) > 0 ? 1 : 0;
        if (transfers.length !== want)
          return [
            `${id}/${String(f.farmId)} (${String(o.state)}): ${transfers.length} transfers ${transfers.join(', ')}`,
          ];
        if (want && f.payout?.transferId !== transfers[0])
          return [
            `${id}/${String(f.farmId)}: stored transfer ${String(f.payout?.transferId)} != event ${transfers[0]}`,
          ];
        return [];
      });
    }),
  );

  // 3. Shipments: one per farm of a confirmed order, never two.
  const stored = groupBy(shipments, (s) => `${String(s.orderId)}/${String(s.farmId)}`);
  const created = groupBy(
    of('logistics.shipment.created'),
    (e) => `${String(e.data.orderId)}/${String(e.data.farmId)}`,
  );
  check('no duplicate shipments (logistics db and shipment.created)', stored.size + created.size, [
    ...[...stored].filter(([, ss]) => ss.length > 1).map(([k, ss]) => `${k}: ${ss.length} stored shipments`),
    ...[...created]
      .filter(([, es]) => distinct(es.map((e) => String(e.data.shipmentId))).length > 1)
      .map(
        ([k, es]) =>
          `${k}: shipment.created for ${distinct(es.map((e) => String(e.data.shipmentId))).join(', ')}`,
      ),
  ]);
  const confirmed = of('orders.order.confirmed');
  const confirmedIds = new Set(confirmed.map((e) => String(e.data.orderId)));
  check(
    'every confirmed order has its shipment.created events (and only confirmed orders have shipments)',
    confirmed.length,
    [
      ...confirmed.flatMap((e) =>
        (e.data.shipments as { farmId: string }[])
          .filter(
            (p) =>
              !created.has(`${String(e.data.orderId)}/${p.farmId}`) ||
              !stored.has(`${String(e.data.orderId)}/${p.farmId}`),
          )
          .map(
            (p) =>
              `${String(e.data.orderId)}/${p.farmId}: confirmed, but no shipment (event ${created.has(`${String(e.data.orderId)}/${p.farmId}`)}, stored ${stored.has(`${String(e.data.orderId)}/${p.farmId}`)})`,
          ),
      ),
      ...shipments
        .filter((s) => !confirmedIds.has(String(s.orderId)))
        .map((s) => `${String(s._id)}: shipment of an order never confirmed`),
    ],
  );

  // 4. Stock: conserved per listing, nothing held at rest, and sold = what completed (or was returned).
  const soldByOrders = new Map<string, number>();
  for (const o of orders) {
    if (o.state !== 'completed' && o.state !== 'refunded') continue;
    for (const l of (o.lines ?? []) as Doc[])
      soldByOrders.set(
        String(l.listingId),
        (soldByOrders.get(String(l.listingId)) ?? 0) + Number(l.quantity),
      );
  }
  check(
    'stock is conserved for every listing (initial = available + reserved + sold)',
    i.listings.length,
    i.listings.flatMap((l) => {
      const d = listings.get(l.listingId);
      if (!d) return [`${l.listingId}: missing`];
      const [a, r, s] = [Number(d.available), Number(d.reserved), Number(d.sold)];
      const v: string[] = [];
      if (a + r + s !== l.initial)
        v.push(`${l.listingId}: ${a} + ${r} + ${s} = ${a + r + s} != ${l.initial}`);
      if (a < 0 || r < 0 || s < 0) v.push(`${l.listingId}: negative stock ${a}/${r}/${s}`);
      if (r !== 0 || ((d.holds ?? []) as unknown[]).length)
        v.push(
          `${l.listingId}: ${r} still reserved, ${((d.holds ?? []) as unknown[]).length} holds, with every order ended`,
        );
      if (s !== (soldByOrders.get(l.listingId) ?? 0))
        v.push(
          `${l.listingId}: sold ${s}, but completed/returned orders took ${soldByOrders.get(l.listingId) ?? 0}`,
        );
      return v;
    }),
  );

  // 5. The outboxes are empty: every event written was acknowledged by Kafka.
  const backlog = await dbs.outboxBacklog();
  check(
    'every outbox is empty (outboxPending 0 in every collection of every service)',
    3,
    backlog.map((b) => `${b.where}: pending ${b.pending}, ${b.entries} entries`),
  );

  // 6. The saga answered every step.
  const placed = of('orders.order.placed');
  const reservedIdx = idx('catalog.stock.reserved');
  const rejectedIdx = idx('catalog.stock.rejected');
  check(
    'every order.placed has a stock.reserved or a stock.rejected (not both)',
    placed.length,
    placed
      .map((e) => String(e.data.orderId))
      .filter((id) => reservedIdx.has(id) === rejectedIdx.has(id))
      .map((id) => `${id}: reserved ${reservedIdx.has(id)}, rejected ${rejectedIdx.has(id)}`),
  );

  // 7. Nothing lost between a producer's state and Kafka: every stored fact has its event.
  const producerSide: string[] = [];
  let producerChecked = 0;
  const want = (cond: boolean, type: string, id: string, why: string) => {
    if (!cond) return;
    producerChecked++;
    if (!has(type, id)) producerSide.push(`${id}: ${why}, but no ${type}`);
  };
  for (const o of orders) {
    const id = String(o._id);
    const states = new Set(((o.timeline ?? []) as Doc[]).map((t) => String(t.state)));
    want(true, 'orders.order.placed', id, 'order stored');
    want(o.state === 'rejected', 'orders.order.rejected', id, 'rejected');
    want(o.state === 'expired', 'orders.order.expired', id, 'expired');
    want(o.state === 'cancelled', 'orders.order.cancelled', id, 'cancelled');
    want(states.has('completed'), 'orders.order.completed', id, 'completed');
    want(states.has('confirmed'), 'orders.order.confirmed', id, 'confirmed');
    want(o.payment?.status === 'succeeded', 'orders.payment.succeeded', id, 'paid');
    want(o.refund?.status === 'refunded', 'orders.payment.refunded', id, 'refunded');
    want(Number(o.payment?.failures ?? 0) > 0, 'orders.payment.failed', id, 'a payment attempt failed');
  }
  for (const [id, r] of reservations) {
    want(r.expiresAt != null, 'catalog.stock.reserved', id, `reservation ${String(r.status)} was reserved`);
    want(r.status === 'rejected', 'catalog.stock.rejected', id, 'reservation rejected');
    want(
      r.status === 'committed' || r.status === 'completed',
      'catalog.stock.committed',
      id,
      'stock committed',
    );
    want(r.status === 'released', 'catalog.stock.released', id, 'stock released');
  }
  const shipEvents = (type: string) =>
    new Set(of(`logistics.shipment.${type}`).map((e) => String(e.data.shipmentId)));
  const shipSets = Object.fromEntries(
    ['created', 'assigned', 'picked_up', 'out_for_delivery', 'delivered', 'returned', 'cancelled'].map(
      (t) => [t, shipEvents(t)],
    ),
  );
  for (const s of shipments) {
    const id = String(s._id);
    const need = (cond: unknown, type: string) => {
      if (!cond) return;
      producerChecked++;
      if (!shipSets[type]!.has(id)) producerSide.push(`${id}: stored ${type}, but no shipment.${type}`);
    };
    need(true, 'created');
    need(s.assignedAt, 'assigned');
    need(s.pickedUpAt, 'picked_up');
    need(s.outForDeliveryAt, 'out_for_delivery');
    need(s.deliveredAt, 'delivered');
    need(s.returned, 'returned');
    need(s.status === 'cancelled', 'cancelled');
  }
  const published = new Set(of('catalog.listing.published').map((e) => String(e.data.listingId)));
  for (const l of i.listings) {
    producerChecked++;
    if (!published.has(l.listingId)) producerSide.push(`${l.listingId}: published, but no listing.published`);
  }
  check(
    'nothing lost between the producers and Kafka (every stored step has its event)',
    producerChecked,
    producerSide,
  );

  // 8. Nothing lost between Kafka and the consumers: every event has its effect where it is consumed.
  const consumerSide: string[] = [];
  let consumerChecked = 0;
  const effect = (ok: boolean, what: string) => {
    consumerChecked++;
    if (!ok) consumerSide.push(what);
  };
  for (const e of placed) {
    const id = String(e.data.orderId);
    effect(
      reservations.has(id) && reservations.get(id)!.status !== 'void',
      `${id}: order.placed, catalog has ${String(reservations.get(id)?.status ?? 'no reservation')}`,
    );
  }
  for (const e of of('catalog.stock.reserved')) {
    const o = orderById.get(String(e.data.orderId));
    effect(
      !!o && (!!o.payment || ['cancelled', 'expired'].includes(String(o.state))),
      `${String(e.data.orderId)}: stock.reserved, orders has ${String(o?.state)} without a payment`,
    );
  }
  for (const e of of('catalog.stock.rejected')) {
    const o = orderById.get(String(e.data.orderId));
    effect(
      o?.state === 'rejected',
      `${String(e.data.orderId)}: stock.rejected, orders has ${String(o?.state)}`,
    );
  }
  for (const e of confirmed) {
    const r = reservations.get(String(e.data.orderId));
    effect(
      ['committed', 'completed', 'released'].includes(String(r?.status)),
      `${String(e.data.orderId)}: order.confirmed, catalog reservation ${String(r?.status)}`,
    );
  }
  for (const type of ['orders.order.cancelled', 'orders.order.expired']) {
    for (const e of of(type)) {
      const id = String(e.data.orderId);
      const r = reservations.get(id);
      effect(
        ['released', 'rejected', 'void'].includes(String(r?.status)),
        `${id}: ${type}, catalog reservation ${String(r?.status)}`,
      );
      if (type === 'orders.order.cancelled') {
        effect(
          facts.get(id)?.status === 'cancelled',
          `${id}: order.cancelled, logistics order facts ${String(facts.get(id)?.status)}`,
        );
        for (const s of shipments.filter((x) => x.orderId === id)) {
          effect(
            s.status === 'cancelled' || !!s.pickedUpAt,
            `${id}: order.cancelled, shipment ${String(s._id)} is ${String(s.status)}`,
          );
        }
      }
    }
  }
  for (const e of of('orders.order.completed')) {
    const id = String(e.data.orderId);
    effect(
      reservations.get(id)?.status === 'completed',
      `${id}: order.completed, catalog reservation ${String(reservations.get(id)?.status)}`,
    );
    effect(
      facts.get(id)?.status === 'completed',
      `${id}: order.completed, logistics order facts ${String(facts.get(id)?.status)}`,
    );
  }
  const farmOf = (orderId: string, farmId: string) =>
    ((orderById.get(orderId)?.farms ?? []) as Doc[]).find((f) => f.farmId === farmId);
  for (const e of of('logistics.shipment.picked_up')) {
    const [o, f] = [String(e.data.orderId), String(e.data.farmId)];
    effect(
      !!farmOf(o, f)?.pickedUpAt,
      `${o}/${f}: shipment.picked_up, orders has no pickup`,
    );
  }
  for (const e of of('logistics.shipment.delivered')) {
    const [o, f] = [String(e.data.orderId), String(e.data.farmId)];
    effect(
      !!farmOf(o, f)?.deliveredAt,
      `${o}/${f}: shipment.delivered, orders has no delivery (${String(orderById.get(o)?.state)})`,
    );
  }
  for (const e of of('logistics.shipment.returned')) {
    const [o, f] = [String(e.data.orderId), String(e.data.farmId)];
    effect(
      !!farmOf(o, f)?.returned,
      `${o}/${f}: shipment.returned, orders has no return (${String(orderById.get(o)?.state)})`,
    );
  }
  for (const e of of('catalog.listing.published')) {
    const id = String(e.data.listingId);
    effect(ordersReadModel.has(id), `${id}: listing.published, not in orders' listings`);
    effect(
      lots.has(String((e.data.lot as { lotCode: string }).lotCode)),
      `${id}: listing.published, no lot in logistics`,
    );
  }
  for (const [group, lag] of Object.entries(i.lag))
    effect(lag === 0, `consumer group ${group} has a lag of ${lag}`);
  const dlq = i.raw.filter((r) => r.topic.endsWith('.dlq'));
  for (const d of dlq) effect(false, `dead letter on ${d.topic}: ${d.value.slice(0, 200)}`);
  check(
    'nothing lost between Kafka and the consumers (every event has its effect; lag 0; no dead letters)',
    consumerChecked,
    consumerSide,
  );

  const byState: Record<string, number> = {};
  for (const o of orders) byState[String(o.state)] = (byState[String(o.state)] ?? 0) + 1;
  const byType: Record<string, number> = {};
  for (const e of events)
    byType[e.type.replace(/^ftt\./, '').replace(/\.v1$/, '')] =
      (byType[e.type.replace(/^ftt\./, '').replace(/\.v1$/, '')] ?? 0) + 1;
  return {
    results,
    facts: {
      orders: orders.length,
      byState,
      eventsOnKafka: i.events.length,
      distinctEvents: events.length,
      republished: i.events.length - events.length,
      byType,
      deadLetters: dlq.length,
    },
  };
};

export const formatChecks = (results: CheckResult[]): string =>
  results
    .map(
      (r) =>
        `  ${r.violations.length ? 'FAIL' : 'ok  '} ${r.name} (${r.checked} checked${r.violations.length ? `, ${r.violations.length} violations: ${r.violations.slice(0, 5).join('; ')}` : ''})`,
    )
    .join('\n');
