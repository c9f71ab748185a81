import { toWire, type Envelope } from '@ftt/contracts';
import type { Producer } from 'kafkajs';
import { startSendSpans } from '../telemetry/kafka';

export interface PublishItem {
  topic: string;
  key: string;
  envelope: Envelope;
}

interface Waiting {
  items: PublishItem[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

const unavailable = (err: unknown): boolean => {
  const e = err as { retriable?: boolean; name?: string } | null;
  return e?.retriable === true || /Connection|NumberOfRetriesExceeded|Timeout|BrokerNotFound|NotLeader/.test(e?.name ?? '');
};

/** At most this many messages go in one coalesced request. */
const MAX_BATCH = 500;

/**
 * Publishes CloudEvents (binary mode) to prefixed topics; acks from all in-sync replicas.
 * With telemetry on, each message gets a 'send' span whose parent is the event's stored traceparent,
 * and its W3C `traceparent` header carries that span (the ce_traceparent attribute stays as written).
 *
 * Publishes that arrive while a request is in flight are coalesced into the next one (one produce request for many
 * relays' events): nothing waits when the producer is idle, and under load the broker and this process handle one
 * request per batch instead of one per event. Each caller's events stay in its order (one caller's events are never
 * split across requests, and a caller publishes its next events only after these are acknowledged). If a coalesced
 * request fails, each caller's events are sent again on their own, so one bad event fails only its own caller.
 */
export class EventPublisher {
  private readonly waiting: Waiting[] = [];
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly topicPrefix: string,
  ) {}

  publish(items: PublishItem[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.sending) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length) {
        const batch: Waiting[] = [];
        let n = 0;
        while (this.waiting.length && (n === 0 || n + this.waiting[0]!.items.length <= MAX_BATCH)) {
          const w = this.waiting.shift()!;
          batch.push(w);
          n += w.items.length;
        }
        try {
          await this.send(batch.flatMap((w) => w.items));
          for (const w of batch) w.resolve();
        } catch (err) {
          // The broker or the connection failing fails everyone alike (each relay backs off and retries); an error
          // about the request's content (e.g. a message too large) is found out per caller.
          if (batch.length === 1 || unavailable(err)) {
            for (const w of batch) w.reject(err);
            continue;
          }
          for (const w of batch) await this.send(w.items).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(items: PublishItem[]): Promise<void> {
    const spans = startSendSpans(items, (topic) => this.topicPrefix + topic);
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    items.forEach((item, i) => {
      const topic = this.topicPrefix + item.topic;
      const list = byTopic.get(topic) ?? [];
      const wire = toWire(item.key, item.envelope);
      if (spans) wire.headers.traceparent = spans.traceparents[i]!;
      list.push(wire);
      byTopic.set(topic, list);
    });
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (err) {
      spans?.end(err);
      throw err;
    }
    spans?.end();
  }
}
