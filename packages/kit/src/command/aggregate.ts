import type { EventType } from '@ftt/contracts';
import type { ZodType } from 'zod';
import type { Cause } from '../domain/cause';
import { change, type Outcome } from '../domain/outcome';
import { envelopesFor } from './envelopes';
import { commandHandler, type BatchResult, type CommandResult, type CommandStore, type Decide, type Loaded } from './handler';

/** A domain event as a decider emits it: a contracts type and its data (the kit wraps it in an envelope). */
export interface DomainEventOf {
  type: EventType;
  data: unknown;
}

/**
 * One aggregate, defined once: the service's repository (AggregateRepo) and its command handler (`aggregateHandler`)
 * both come from it, so versioning, the outbox, idempotency, retries, tracing and remembering are the kit's.
 *
 * A decider is a pure function `(state, command, now) => Outcome`; the state before the first change is `null` (the
 * aggregate does not exist yet). A decider never counts versions: the store bumps `version` on every write.
 */
export interface AggregateDefinition<S, E extends DomainEventOf = never> {
  /** 'order': span 'order command', attribute ftt.order.id, error 'order.conflict'. */
  name: string;
  /** The collection its documents live in (one document per aggregate, keyed by `idOf`). */
  collection: string;
  /**
   * The state's zod schema (what a document of `collection` holds, less the kit's fields). The kit's decider helper
   * (`@ftt/kit/testing/decider`) parses every state a test gives and every state a decider writes with it, so a
   * decider that writes a state its type allows but its schema does not fails its unit test.
   */
  schema?: ZodType<S> | undefined;
  /** The aggregate's id in its state (the document's _id). */
  idOf: (state: S) => string;
  /** The CloudEvents source of its events (`eventSource(service)`). */
  source: string;
  /** The saga its events belong to when the cause brings none: its id unless this says otherwise. */
  correlationOf?: ((id: string, state: S) => string) | undefined;
  /** The trace it was born in: work that brings no trace of its own (a click, a webhook, a sweep) continues it. */
  traceOf?: ((state: S) => string | undefined) | undefined;
  /**
   * Remember what the handler wrote last, for this many ms, and decide the next command on it instead of loading
   * (see the command handler's `rememberMs`: only for an aggregate that nothing but its handler changes).
   */
  rememberMs?: number | undefined;
  /**
   * The state shows its version in a `version` field (catalog's farms, listings, reservations): it is read from the
   * store on load and set to the written version on every change. `versionEvents` gives that version to the events
   * that carry it (a decider does not know it).
   */
  versioned?: { versionEvents?: (events: E[], version: number) => E[] } | undefined;
  /**
   * Whether a write of this state records the cause's event id (default: every write). An aggregate that records it
   * only at some states (a step finished in two writes under one event) recognises a redelivery by its state, so its
   * loads do not read the recorded ids.
   */
  recordsCause?: ((state: S) => boolean) | undefined;
}

/** The definition, typed (the identity function: the kit derives the rest from what it says). */
export const defineAggregate = <S, E extends DomainEventOf = never>(d: AggregateDefinition<S, E>): AggregateDefinition<S, E> => d;

/**
 * `defineAggregate` for the aggregates of one service, whose events all have the service's CloudEvents source
 * (`eventSource(service)`): said once, `const aggregate = aggregatesOf(SOURCE)`, then `aggregate<S, E>({ name, ... })`.
 */
export const aggregatesOf =
  (source: string) =>
  <S, E extends DomainEventOf = never>(d: Omit<AggregateDefinition<S, E>, 'source'>): AggregateDefinition<S, E> =>
    defineAggregate<S, E>({ ...d, source });

/** The decision of one command: on the current state (null when the aggregate does not exist yet). */
export type Decision<S, E> = Decide<S, E>;

/**
 * The one way a use case changes an aggregate: "handle this id with this decision for this cause". `create` is the
 * same for an id that is most likely new (a fresh id, or one derived from the request or event that creates it): it
 * inserts without loading first; an insert that collides loads and decides again.
 */
export interface AggregateHandler<S, E> {
  (id: string, decision: Decision<S, E>, cause?: Cause): Promise<CommandResult<S>>;
  create(id: string, decision: Decision<S, E>, cause?: Cause): Promise<CommandResult<S>>;
  /**
   * Many commands for one cause, written in one round trip per kind (see the command handler's `many`): each on what
   * the caller loaded (`loaded`, with its version; null for a new one), its state and events one single-document write.
   */
  many(commands: { id: string; decision: Decision<S, E>; loaded: Loaded<S> | null }[], cause?: Cause): Promise<BatchResult<S>[]>;
}

/** The decision, with the written version on the state it changes (for an aggregate whose state shows it). */
const stamped = <S, E extends DomainEventOf>(d: AggregateDefinition<S, E>, decision: Decision<S, E>): Decision<S, E> =>
  d.versioned ? async (current, now) => asWritten(d, current, await decision(current, now)) : decision;

/**
 * The command handler of a defined aggregate over its repository: load -> decide -> one conditional write of state,
 * events (outbox) and the cause's event id -> publish now; again on a version conflict.
 */
export const aggregateHandler = <S, E extends DomainEventOf>(
  d: AggregateDefinition<S, E>,
  store: CommandStore<S>,
  deps: { clock: () => Date },
): AggregateHandler<S, E> => {
  const handle = commandHandler<S, E>({
    aggregate: d.name,
    store,
    clock: deps.clock,
    toEvents: envelopesFor<S>(d.source, d.correlationOf),
    traceOf: d.traceOf,
    rememberMs: d.rememberMs,
  });
  return Object.assign((id: string, decision: Decision<S, E>, cause?: Cause) => handle(id, stamped(d, decision), cause), {
    create: (id: string, decision: Decision<S, E>, cause?: Cause) => handle(id, stamped(d, decision), cause, null),
    many: (commands: { id: string; decision: Decision<S, E>; loaded: Loaded<S> | null }[], cause?: Cause) =>
      handle.many(commands.map((c) => ({ id: c.id, decide: stamped(d, c.decision), loaded: c.loaded })), cause),
  });
};

/** An outcome as the handler writes it: with the definition's versioning (also what the deciders' tests compare). */
export const asWritten = <S, E extends DomainEventOf>(
  d: AggregateDefinition<S, E>,
  current: S | null,
  outcome: Outcome<S, E>,
): Outcome<S, E> => {
  const v = d.versioned;
  if (!v || outcome.kind !== 'change') return outcome;
  const version = current ? (current as unknown as { version: number }).version + 1 : 1;
  return change({ ...outcome.state, version }, v.versionEvents ? v.versionEvents(outcome.events, version) : outcome.events);
};
