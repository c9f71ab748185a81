import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  asyncApiDocument,
  createEvent,
  Envelope,
  eventDefinitions,
  eventJsonSchema,
  fromWire,
  parseEnvelope,
  toWire,
} from '../src/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sampleFiles = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.json'));
const readJson = (...p: string[]) => JSON.parse(readFileSync(join(root, ...p), 'utf8')) as unknown;

describe('stored samples', () => {
  it('when the contracts are loaded, then every event type has a stored sample', () => {
    const have = new Set(sampleFiles.map((f) => f.replace(/\.json$/, '')));
    expect(eventDefinitions.map((d) => d.type).filter((t) => !have.has(t))).toEqual([]);
  });

  it.each(sampleFiles)('when %s is parsed with today\'s schema, then it is still valid', (file) => {
    const envelope = Envelope.parse(readJson('samples', file));
    expect(envelope.type).toBe(file.replace(/\.json$/, ''));
    const result = parseEnvelope(envelope);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });
});

describe('Kafka binding', () => {
  const sample = Envelope.parse(readJson('samples', 'ftt.orders.order.placed.v1.json'));

  it('when an event goes over the wire in binary mode, then it comes back equal', () => {
    const wire = toWire('ord-1', sample);
    expect(wire.headers.ce_type).toBe('ftt.orders.order.placed.v1');
    expect(wire.headers.traceparent).toBe(sample.traceparent);
    const back = fromWire({ value: Buffer.from(wire.value), headers: wire.headers });
    expect(back.ok && back.event).toEqual(sample);
  });

  it('when an event arrives in structured mode, then it is read as well', () => {
    const back = fromWire({
      value: JSON.stringify(sample),
      headers: { 'content-type': Buffer.from('application/cloudevents+json; charset=utf-8') },
    });
    expect(back.ok && back.event).toEqual(sample);
  });

  it.each([
    ['a body that is not JSON', { value: '{nope', headers: { ce_type: 'ftt.orders.order.placed.v1' } }, /not JSON/],
    ['no CloudEvents headers', { value: '{}', headers: {} }, /invalid envelope/],
    [
      'an unknown type',
      { value: '{}', headers: { ...toWire('k', sample).headers, ce_type: 'ftt.nope.v1' } },
      /unknown event type/,
    ],
    [
      'data of the wrong shape',
      { value: '{"orderId":"x"}', headers: toWire('k', sample).headers },
      /invalid ftt.orders.order.placed.v1 data/,
    ],
  ])('when a message has %s, then decoding fails with a reason', (_name, msg, reason) => {
    const result = fromWire(msg);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
  });

  it('when a producer builds an event with data its schema refuses, then it throws before anything is sent', () => {
    expect(() =>
      createEvent('ftt.orders.order.expired.v1', { orderId: 'o', expiredAt: 'yesterday' }, { source: 's', correlationid: 'c' }),
    ).toThrow();
  });
});

describe('generated documents', () => {
  it('when the schemas change, then the committed JSON Schemas and AsyncAPI document must be regenerated', () => {
    for (const def of eventDefinitions) {
      expect(readJson('generated', 'schemas', `${def.type}.json`), def.type).toEqual(eventJsonSchema(def.type));
    }
    expect(readJson('generated', 'asyncapi.json')).toEqual(asyncApiDocument());
  });

  it('when the AsyncAPI document is built, then every event is a message on its topic channel', () => {
    const doc = asyncApiDocument() as { asyncapi: string; channels: Record<string, { messages: object }> };
    expect(doc.asyncapi).toBe('3.0.0');
    const count = Object.values(doc.channels).reduce((n, c) => n + Object.keys(c.messages).length, 0);
    expect(count).toBe(eventDefinitions.length);
  });
});
