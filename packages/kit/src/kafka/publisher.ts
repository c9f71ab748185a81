import { toWire, type Envelope } from '@ftt/contracts';
import type { Producer } from 'kafkajs';

export interface PublishItem {
  topic: string;
  key: string;
  envelope: Envelope;
}

/** Publishes CloudEvents (binary mode) to prefixed topics; acks from all in-sync replicas. */
export class EventPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topicPrefix: string,
  ) {}

  async publish(items: PublishItem[]): Promise<void> {
    if (items.length === 0) return;
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const item of items) {
      const topic = this.topicPrefix + item.topic;
      const list = byTopic.get(topic) ?? [];
      list.push(toWire(item.key, item.envelope));
      byTopic.set(topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}
