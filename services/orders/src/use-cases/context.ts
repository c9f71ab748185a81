import { createEvent, type OutgoingEvent } from '@ftt/contracts';
import { eventContext, inTraceOf, type Logger } from '@ftt/kit';
import type { IdempotencyRepository } from '../data/idempotency-repository';
import type { ListingRepository } from '../data/listing-repository';
import type { OrderRepository } from '../data/order-repository';
import { DomainError } from '../domain/errors';
import type { Decision, DomainEvent, Order } from '../domain/order';
import type { OrderSettings } from '../domain/place';
import type { Fault } from '../fault';
import type { PaymentProvider } from '../payments/payment-provider';

export const EVENT_SOURCE = '/services/orders';

export interface Deps {
  orders: OrderRepository;
  listings: ListingRepository;
  idempotency: IdempotencyRepository;
  provider: PaymentProvider;
  settings: OrderSettings;
  clock: () => Date;
  log: Logger;
  /** Publish the order's outbox now rather than at the relay's next scan. */
  kick: (orderId: string) => void;
  fault: Fault;
}

/** Who is asking, as far as use cases care. */
export interface Viewer {
  userId: string;
  role: 'farmer' | 'buyer' | 'logistics' | 'admin';
}

/** What caused a change: carried into the emitted events' envelopes (and used for de-duplication). */
export interface Cause {
  correlationid?: string | undefined;
  causationid?: string | undefined;
  traceparent?: string | undefined;
  /** The consumed event / webhook id, recorded with the effect so a redelivery changes nothing. */
  processedEventId?: string | undefined;
}

export const toOutgoing = (
  events: DomainEvent[],
  orderId: string,
  cause: Cause,
  now: Date,
): OutgoingEvent[] =>
  events.map((e) =>
    createEvent(
      e.type,
      e.data as never,
      // Without a traceparent from the cause, the active span's (the HTTP request's) is carried on.
      eventContext({
        source: EVENT_SOURCE,
        // The order id ties every event of one saga together unless the cause already carries a correlation.
        correlationid: cause.correlationid ?? orderId,
        causationid: cause.causationid,
        traceparent: cause.traceparent,
        now,
      }),
    ),
  );

export interface Change {
  /** written: state and events stored; duplicate: this cause was already applied; unchanged: nothing to do. */
  result: 'written' | 'duplicate' | 'unchanged';
  order: Order;
}

const MAX_ATTEMPTS = 8;

/**
 * load -> decide -> one conditional single-document write of state + events + processed id.
 * A concurrent writer makes the version check fail: reload and decide again on fresh state.
 * Returns null when the order does not exist.
 */
export const changeOrder = async (
  deps: Deps,
  orderId: string,
  decide: (order: Order, now: Date) => Decision | null,
  cause: Cause = {},
): Promise<Change | null> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const loaded = await deps.orders.load(orderId, cause.processedEventId);
    if (!loaded) return null;
    if (loaded.seen) return { result: 'duplicate', order: loaded.order };
    // A consumed event brings its own trace context; anything else (a webhook, a buyer's click, the
    // sweeper) continues the order's trace, so one order is one trace (inTraceOf links the two).
    const traceparent = cause.traceparent ? undefined : loaded.order.traceparent;
    const change = await inTraceOf(
      traceparent,
      'order change',
      async (): Promise<Change | 'conflict'> => {
        const now = deps.clock();
        const decision = decide(loaded.order, now);
        if (!decision) return { result: 'unchanged', order: loaded.order };
        const events = toOutgoing(decision.events, orderId, cause, now);
        const w = await deps.orders.update(decision.order, loaded.version, events, cause.processedEventId);
        if (w === 'written') {
          if (events.length) deps.kick(orderId);
          return { result: 'written', order: decision.order };
        }
        if (w === 'duplicate') return { result: 'duplicate', order: loaded.order };
        return 'conflict';
      },
      { 'ftt.order.id': orderId },
    );
    if (change !== 'conflict') return change;
  }
  throw new DomainError('order.conflict', `order ${orderId} kept changing concurrently; try again`);
};

/** The owner buyer or an admin; anyone else learns nothing, not even that the order exists. */
export const loadVisibleOrder = async (deps: Deps, viewer: Viewer, orderId: string): Promise<Order> => {
  const loaded = await deps.orders.load(orderId);
  if (!loaded || (viewer.role !== 'admin' && loaded.order.buyerId !== viewer.userId)) {
    throw new DomainError('order.not_found', `no order ${orderId}`);
  }
  return loaded.order;
};
