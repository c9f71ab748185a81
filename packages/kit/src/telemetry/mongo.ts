import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { mongo } from 'mongoose';
import { currentTelemetry } from './setup';

type Started = mongo.CommandStartedEvent;
type Ended = mongo.CommandSucceededEvent | mongo.CommandFailedEvent;

const keyOf = (e: Started | Ended) => `${e.connectionId ?? e.address}:${e.requestId}`;

/** The collection a command addresses (its first field's value, or getMore's `collection`). */
export const commandCollection = (e: Started): string | undefined => {
  const target = (e.command as Record<string, unknown>)[e.commandName];
  if (typeof target === 'string') return target;
  const coll = (e.command as Record<string, unknown>).collection; // getMore
  return typeof coll === 'string' ? coll : undefined;
};

/**
 * CLIENT spans for MongoDB commands from the driver's command monitoring (the client must be created
 * with monitorCommands: true). Only commands issued inside a traced request or message get a span:
 * the outbox scan, the relay's claims and pool chatter would otherwise each start a trace of their own.
 */
export const instrumentMongoClient = (client: mongo.MongoClient): void => {
  const t = currentTelemetry();
  if (!t?.enabled) return;
  const tracer = t.tracer;
  const open = new Map<string, Span>();
  client.on('commandStarted', (e) => {
    const parent = context.active();
    if (!trace.getSpan(parent)?.isRecording()) return;
    const collection = commandCollection(e);
    const [host, port] = e.address.split(':');
    const span = tracer.startSpan(
      collection ? `${e.commandName} ${collection}` : e.commandName,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': 'mongodb',
          'db.system.name': 'mongodb',
          'db.operation.name': e.commandName,
          'db.namespace': e.databaseName,
          ...(collection ? { 'db.collection.name': collection } : {}),
          ...(host ? { 'server.address': host } : {}),
          ...(port ? { 'server.port': Number(port) } : {}),
        },
      },
      parent,
    );
    open.set(keyOf(e), span);
  });
  const end = (e: Ended, error?: Error) => {
    const key = keyOf(e);
    const span = open.get(key);
    if (!span) return;
    open.delete(key);
    if (error) {
      span.setAttribute('error.type', error.name);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    span.end();
  };
  client.on('commandSucceeded', (e) => end(e));
  client.on('commandFailed', (e) => end(e, e.failure));
};
