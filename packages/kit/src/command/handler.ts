import type { OutgoingEvent } from '@ftt/contracts';
import type { AuditRecord } from '../domain/audit-record';
import type { Cause } from '../domain/cause';
import { DomainError } from '../domain/errors';
import type { Outcome } from '../domain/outcome';
import type { WriteResult } from '../mongo/aggregate-store';
import type { Logger } from '../logger';
import { inTraceOf } from '../telemetry/trace-context';

/**
 * What every service's use cases get besides their ports and settings (service.ts wires them): the clock and the log.
 * (A written aggregate's outbox is published at once by its repository: see AggregateRepo.kick.)
 */
export interface UseCaseDeps {
  clock: () => Date;
  log: Logger;
}

/** An aggregate as stored: its state and the version the next conditional write must match. */
export interface Loaded<S> {
  state: S;
  version: number;
  /** True when the cause's processedEventId is already recorded on it (a redelivery). */
  seen?: boolean;
}

/** What the handler needs from a repository (the kit's AggregateStore does the writing underneath). */
export interface CommandStore<S> {
  load(id: string, processedEventId?: string): Promise<Loaded<S> | null>;
  /** `audit`: the operator's action this write is, kept in the same write (see AggregateWrite). */
  insert(state: S, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]): Promise<WriteResult>;
  update(
    state: S,
    expectedVersion: number,
    events: OutgoingEvent[],
    processedEventId?: string,
    audit?: AuditRecord[],
  ): Promise<WriteResult>;
  /** Publish the aggregate's outbox now rather than at the relay's next look (the kit's AggregateRepo does). */
  kick?(id: string): void;
  /** Many inserts / updates in one round trip, each still its own single-document write (the kit's AggregateRepo). */
  insertMany?(items: { state: S; events: OutgoingEvent[] }[]): Promise<('written' | 'duplicate')[]>;
  updateMany?(items: { state: S; expectedVersion: number; events: OutgoingEvent[] }[]): Promise<('written' | 'conflict')[]>;
}

/** One command of a batch (`many`): the aggregate, its decision, and what the caller loaded (null: a new one). */
export interface BatchCommand<S, E> {
  id: string;
  decide: Decide<S, E>;
  loaded: Loaded<S> | null;
}

/** A batch command's result: a command's, or its rejection (the others of the batch go on). */
export type BatchResult<S> = CommandResult<S> | { result: 'rejected'; error: DomainError };

export interface CommandHandlerOptions<S, E> {
  /** The aggregate's name: span 'order command', attribute ftt.order.id, error 'order.conflict'. */
  aggregate: string;
  store: CommandStore<S>;
  clock: () => Date;
  /** Domain events to envelopes (source, correlation, causation, trace). */
  toEvents: (events: E[], c: { id: string; state: S; cause: Cause; now: Date }) => OutgoingEvent[];
  /** The trace the aggregate was born in: work that brings no trace of its own (a click, a webhook, a sweep) continues it. */
  traceOf?: (state: S) => string | undefined;
  /** Publish the aggregate's outbox now rather than at the relay's next look. */
  kick?: (id: string) => void;
  maxAttempts?: number;
  /**
   * Remember what this handler wrote last for each aggregate, for this many ms, and decide the next command on it
   * instead of loading it (a saga's next step usually lands in the process that wrote the last one). Only for an
   * aggregate that nothing changes but its handler: another writer (an instance elsewhere) makes the remembered
   * version fail the conditional write, and anything but a write decided on memory (an ignore, a rejection, a
   * duplicate) is decided again on a fresh load, so memory can cost a retry, never a wrong outcome.
   */
  rememberMs?: number;
}

/** The aggregates a handler wrote lately (see `rememberMs`): bounded, oldest first out. */
class RecentWrites<S> {
  private readonly entries = new Map<string, { loaded: Loaded<S>; until: number }>();

  constructor(
    private readonly ms: number,
    private readonly max = 10_000,
  ) {}

  get(id: string): Loaded<S> | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.until > Date.now()) return e.loaded;
    this.entries.delete(id);
    return undefined;
  }

  set(id: string, state: S, version: number): void {
    this.entries.delete(id);
    // A copy: the caller gets the written state and may change it; memory must stay what was written.
    this.entries.set(id, { loaded: { state: structuredClone(state), version }, until: Date.now() + this.ms });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  drop(id: string): void {
    this.entries.delete(id);
  }
}

export type CommandResult<S> =
  /** `version`: the stored version after the write (what a next command on the same state must match). */
  | { result: 'written'; state: S; events: number; version: number }
  | { result: 'duplicate'; state: S | null }
  | { result: 'ignored'; state: S | null; reason: string };

/** Decides on the current state (null when the aggregate does not exist yet); may await reads, never writes to it. */
export type Decide<S, E> = (current: S | null, now: Date) => Outcome<S, E> | Promise<Outcome<S, E>>;

const DEFAULT_ATTEMPTS = 8;

/** A command's result, or its rejection as a value (a batch goes on past one rejected command). */
const settle = async <S>(f: () => Promise<CommandResult<S>>): Promise<BatchResult<S>> => {
  try {
    return await f();
  } catch (err) {
    if (err instanceof DomainError) return { result: 'rejected', error: err };
    throw err;
  }
};

/** A batch command decided on what its caller loaded. */
const decide = <S, E>(c: BatchCommand<S, E>, now: Date) => c.decide(c.loaded?.state ?? null, now);

/**
 * The one way a use case changes an aggregate: load -> decide -> one conditional single-document write of the
 * state, its events (outbox) and the processed event id -> kick the outbox. A concurrent writer makes the
 * version check fail: load again and decide again on fresh state. A redelivered cause is recognised by its
 * processed event id and changes nothing. A rejection becomes a DomainError for the caller; an ignore is a
 * value (a late or duplicate event is not an error).
 */
export const commandHandler = <S, E>(o: CommandHandlerOptions<S, E>) => {
  const recent = o.rememberMs ? new RecentWrites<S>(o.rememberMs) : undefined;
  /**
   * `first`: what the caller has just loaded (with the cause's processedEventId), or null for an id that is most likely
   * new (a fresh random id, or one derived from the event that creates it): the first attempt decides on it instead of
   * loading the same document again. A conflict loads as usual; so does an insert that collides with an existing
   * document (a redelivery then shows as seen, anything else is decided again on what is stored).
   */
  const handle = async (id: string, decide: Decide<S, E>, cause: Cause = {}, first?: Loaded<S> | null): Promise<CommandResult<S>> => {
    const attempts = o.maxAttempts ?? DEFAULT_ATTEMPTS;
    // What this handler wrote last, unless the caller brought what it loaded.
    let remembered = first === undefined ? recent?.get(id) : undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const fromMemory = remembered !== undefined;
      const loaded =
        remembered ?? (attempt === 0 && first !== undefined ? first : await o.store.load(id, cause.processedEventId));
      remembered = undefined;
      if (loaded?.seen) return { result: 'duplicate', state: loaded.state };
      const traceparent = cause.traceparent || !loaded ? undefined : o.traceOf?.(loaded.state);
      const done = await inTraceOf(
        traceparent,
        `${o.aggregate} command`,
        async (): Promise<CommandResult<S> | 'conflict' | 'unsure'> => {
          const now = o.clock();
          const outcome = await decide(loaded?.state ?? null, now);
          // Remembered state may be behind what is stored: only a write can prove it was not.
          if (fromMemory && outcome.kind !== 'change') return 'unsure';
          if (outcome.kind === 'ignore')
            return { result: 'ignored', state: loaded?.state ?? null, reason: outcome.reason };
          if (outcome.kind === 'reject') throw new DomainError(outcome.code, outcome.message, outcome.issues);
          const events = o.toEvents(outcome.events, { id, state: outcome.state, cause, now });
          const audit = cause.audit ? [cause.audit] : undefined;
          const w = loaded
            ? await o.store.update(outcome.state, loaded.version, events, cause.processedEventId, audit)
            : await o.store.insert(outcome.state, events, cause.processedEventId, audit);
          if (w === 'written') {
            const version = loaded ? loaded.version + 1 : 1;
            recent?.set(id, outcome.state, version);
            if (events.length) {
              if (o.kick) o.kick(id);
              else o.store.kick?.(id);
            }
            return { result: 'written', state: outcome.state, events: events.length, version };
          }
          if (fromMemory) return 'unsure';
          // An insert that collides means another writer created it first: decide again on what it wrote.
          if (w === 'duplicate' && loaded) return { result: 'duplicate', state: loaded.state };
          return 'conflict';
        },
        { [`ftt.${o.aggregate}.id`]: id },
      );
      if (done === 'unsure') {
        // Decide again at once on what is stored.
        recent?.drop(id);
        continue;
      }
      if (done !== 'conflict') return done;
      recent?.drop(id);
      // Lost a race: let the winner's neighbours spread out before the next look (jittered, grows per attempt).
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 50)));
    }
    throw new DomainError(
      `${o.aggregate}.conflict`,
      `${o.aggregate} ${id} kept changing concurrently; try again`,
    );
  };
  /** What this handler wrote last for the aggregate, within `rememberMs` (may be behind what is stored). */
  const remembered = (id: string): Loaded<S> | undefined => recent?.get(id);

  /**
   * Many commands for one cause (an imported file's rows), written in one round trip per kind (inserts, updates)
   * instead of one per command: each decided on what the caller loaded, each aggregate's state and events still one
   * single-document write. What the batch could not write (a concurrent writer, an id that exists, events pending
   * first) goes the one-by-one way: loaded, decided again, written. A rejection is that command's result.
   */
  const many = async (commands: BatchCommand<S, E>[], cause: Cause = {}): Promise<BatchResult<S>[]> => {
    const { insertMany, updateMany } = o.store;
    if (!insertMany || !updateMany || cause.processedEventId || cause.audit)
      return Promise.all(commands.map((c) => settle(() => handle(c.id, c.decide, cause, c.loaded))));
    const out = new Array<BatchResult<S> | undefined>(commands.length);
    const inserts: { n: number; state: S; events: OutgoingEvent[] }[] = [];
    const updates: { n: number; state: S; expectedVersion: number; events: OutgoingEvent[] }[] = [];
    await inTraceOf(cause.traceparent, `${o.aggregate} batch`, async () => {
      const now = o.clock();
      for (const [n, c] of commands.entries()) {
        const outcome = await decide(c, now);
        if (outcome.kind === 'ignore') out[n] = { result: 'ignored', state: c.loaded?.state ?? null, reason: outcome.reason };
        else if (outcome.kind === 'reject')
          out[n] = { result: 'rejected', error: new DomainError(outcome.code, outcome.message, outcome.issues) };
        else {
          const events = o.toEvents(outcome.events, { id: c.id, state: outcome.state, cause, now });
          if (c.loaded) updates.push({ n, state: outcome.state, expectedVersion: c.loaded.version, events });
          else inserts.push({ n, state: outcome.state, events });
        }
      }
      const written = [
        ...(await insertMany.call(o.store, inserts)).map((w, k) => [inserts[k]!, w, 1] as const),
        ...(await updateMany.call(o.store, updates)).map((w, k) => [updates[k]!, w, updates[k]!.expectedVersion + 1] as const),
      ];
      for (const [item, w, version] of written) {
        if (w !== 'written') continue;
        const id = commands[item.n]!.id;
        recent?.set(id, item.state, version);
        if (item.events.length) {
          if (o.kick) o.kick(id);
          else o.store.kick?.(id);
        }
        out[item.n] = { result: 'written', state: item.state, events: item.events.length, version };
      }
    });
    // not written in the batch: decided again on what is stored, one by one
    for (const [n, c] of commands.entries()) out[n] ??= await settle(() => handle(c.id, c.decide, cause));
    return out as BatchResult<S>[];
  };
  return Object.assign(handle, { remembered, many });
};

export type CommandHandler<S, E> = ReturnType<typeof commandHandler<S, E>>;
