import { randomUUID } from 'node:crypto';
import type { Kafka } from '@ftt/kit';
import { joined, kitLikeConsumer, sleep, type Consumer } from './kafka';

/** What the bench saw on Kafka for one order, stamped with performance.now() on arrival. */
export interface Seen {
  placedAt?: number;
  reservedAt?: number;
  stockRejectedAt?: number;
  confirmedAt?: number;
  rejectedAt?: number;
  cancelledAt?: number;
  expiredAt?: number;
  /** ce_id of each shipment.created (a redelivered duplicate has the same id). */
  shipments: Set<string>;
  lastShipmentAt?: number;
}

const TYPES: Record<string, keyof Omit<Seen, 'shipments' | 'lastShipmentAt'> | 'shipment'> = {
  'ftt.orders.order.placed.v1': 'placedAt',
  'ftt.catalog.stock.reserved.v1': 'reservedAt',
  'ftt.catalog.stock.rejected.v1': 'stockRejectedAt',
  'ftt.orders.order.confirmed.v1': 'confirmedAt',
  'ftt.orders.order.rejected.v1': 'rejectedAt',
  'ftt.orders.order.cancelled.v1': 'cancelledAt',
  'ftt.orders.order.expired.v1': 'expiredAt',
  'ftt.logistics.shipment.created.v1': 'shipment',
};

const header = (v: unknown): string | undefined => {
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined || one === null ? undefined : String(one);
};

/**
 * Watches the saga topics of one run with its own consumer group (the kit's fetch settings). Saga
 * events are keyed by order id and typed by the ce_type header, so nothing is parsed: the bench's
 * own CPU stays off the measurement as far as possible.
 */
export class SagaObserver {
  readonly byOrder = new Map<string, Seen>();
  private consumer: Consumer | undefined;
  /** Called on stock.reserved (the bench pays then) and on any change. */
  onReserved: (orderId: string) => void = () => undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
  ) {}

  seen(orderId: string): Seen {
    let s = this.byOrder.get(orderId);
    if (!s) {
      s = { shipments: new Set() };
      this.byOrder.set(orderId, s);
    }
    return s;
  }

  private topics: string[] = [];

  /**
   * Leaves the group while the bench measures idle CPU: the observer's own fetches (every 250 ms) would otherwise
   * be the broker's busiest client and count as the system's idle cost. `resume` joins again under a new group and
   * reads from the beginning; what was seen is kept (first sightings win).
   */
  async pause(): Promise<void> {
    await this.stop();
    this.consumer = undefined;
  }

  resume(): Promise<void> {
    return this.start(this.topics);
  }

  async start(logicalTopics: string[]): Promise<void> {
    this.topics = logicalTopics;
    const topics = logicalTopics.map((t) => this.topicPrefix + t);
    const consumer = kitLikeConsumer(this.kafka, `${this.topicPrefix}bench-observer-${randomUUID()}`);
    this.consumer = consumer;
    await consumer.connect();
    const isJoined = joined(consumer);
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({ topics, fromBeginning: true });
        break;
      } catch (err) {
        if (attempt >= 20 || (err as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
        await sleep(200 * attempt);
      }
    }
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ message }) => {
        const at = performance.now();
        const type = header(message.headers?.ce_type);
        const field = type ? TYPES[type] : undefined;
        const orderId = message.key?.toString();
        if (!field || !orderId) return;
        const s = this.seen(orderId);
        if (field === 'shipment') {
          const id = header(message.headers?.ce_id) ?? randomUUID();
          if (!s.shipments.has(id)) {
            s.shipments.add(id);
            s.lastShipmentAt = at;
          }
          return;
        }
        if (s[field] === undefined) s[field] = at;
        if (field === 'reservedAt') this.onReserved(orderId);
      },
    });
    await isJoined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
