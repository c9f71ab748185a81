import { toWire, type Envelope } from '@ftt/contracts';
import type { Producer } from 'kafkajs';
import { startSendSpans } from '../telemetry/kafka';

export interface PublishItem {
  topic: string;
  key: string;
  envelope: Envelope;
}

/**
 * Publishes CloudEvents (binary mode) to prefixed topics; acks from all in-sync replicas.
 * With telemetry on, each message gets a 'send' span whose parent is the event's stored traceparent,
 * and its W3C `traceparent` header carries that span (the ce_traceparent attribute stays as written).
 */
export class EventPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topicPrefix: string,
  ) {}

  async publish(items: PublishItem[]): Promise<void> {
    if (items.length === 0) return;
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
