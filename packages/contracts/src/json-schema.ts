import { z } from 'zod';
import { EnvelopeAttributes } from './envelope';
import { eventDefinitions } from './registry';
import { Topics } from './topics';

export const eventJsonSchema = (type: string): Record<string, unknown> => {
  const def = eventDefinitions.find((d) => d.type === type);
  if (!def) throw new Error(`unknown event type ${type}`);
  return {
    $id: `https://fieldtotable.example/schemas/${def.type}.json`,
    title: def.type,
    description: def.description,
    ...z.toJSONSchema(def.schema as z.ZodType, { target: 'draft-2020-12', unrepresentable: 'any' }),
  };
};

const messageName = (type: string) => type.replace(/^ftt\./, '').replace(/[.]/g, '_');

/** AsyncAPI 3.0 document of every channel (topic) and message (event type), generated from the zod schemas. */
export const asyncApiDocument = (): Record<string, unknown> => {
  const headers = z.toJSONSchema(
    z.object(
      Object.fromEntries(
        Object.entries(EnvelopeAttributes.shape).map(([k, v]) => [`ce_${k}`, v]),
      ),
    ),
    { target: 'draft-2020-12', unrepresentable: 'any' },
  );
  const messages: Record<string, unknown> = {};
  const channels: Record<string, { address: string; messages: Record<string, unknown>; description: string }> = {};
  const operations: Record<string, unknown> = {};
  for (const [name, topic] of Object.entries(Topics)) {
    channels[name] = { address: topic, messages: {}, description: `Kafka topic ${topic}` };
  }
  for (const def of eventDefinitions) {
    const m = messageName(def.type);
    messages[m] = {
      name: def.type,
      title: def.type,
      summary: def.description,
      contentType: 'application/json',
      headers,
      payload: eventJsonSchema(def.type),
      bindings: { kafka: { key: { type: 'string', description: 'partition key (aggregate id)' } } },
    };
    const channelName = Object.entries(Topics).find(([, t]) => t === def.topic)![0];
    channels[channelName]!.messages[m] = { $ref: `#/components/messages/${m}` };
  }
  for (const name of Object.keys(Topics)) {
    operations[`publish_${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      messages: Object.keys(channels[name]!.messages).map((m) => ({ $ref: `#/channels/${name}/messages/${m}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'FieldToTable events',
      version: '1.0.0',
      description:
        'Every event exchanged by catalog, orders and logistics. CloudEvents 1.0 over the Kafka binding, binary mode (ce_* headers, JSON data as the value).',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'native single-node broker' } },
    channels,
    operations,
    components: { messages },
  };
};
