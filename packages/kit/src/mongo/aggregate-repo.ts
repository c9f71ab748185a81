import type { OutgoingEvent } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import type { AggregateDefinition } from '../command/aggregate';
import type { CommandStore, Loaded } from '../command/handler';
import type { AuditLog } from '../admin/audit';
import type { AuditRecord } from '../domain/audit-record';
import { AggregateStore, INTERNAL_FIELDS, type AggregateStoreOptions } from './aggregate-store';
import { leasingRelay } from './outbox';

type Doc = mongo.Document;

/** How an aggregate's state is stored: the state of a stored document, the fields a write stores (`isNew`: an insert). */
export interface AggregateStorage<S> {
  toState: (doc: Doc) => S;
  toFields: (state: S, isNew: boolean) => Doc;
}

const NOT_STATE = ['_id', 'version', ...Object.keys(INTERNAL_FIELDS)];

/**
 * The storage of an aggregate whose document is its state as it is: a write stores the state's fields, a read gives
 * the document less its key, its version and the kit's fields (outbox, processed event ids, audit, page keys).
 */
export const plainStorage = <S>(): AggregateStorage<S> => ({
  toState: (doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !NOT_STATE.includes(k))) as S,
  toFields: (state) => ({ ...(state as Doc) }),
});

/** What a repository takes from an aggregate's definition. */
export interface AggregateKeys<S> {
  idOf: AggregateDefinition<S>['idOf'];
  /** The state shows its version (see AggregateDefinition.versioned). */
  versioned?: object | undefined;
  recordsCause?: AggregateDefinition<S>['recordsCause'];
}

/** The older form: the key and the storage in one object (`new AggregateRepo(collection, { idOf, toState, toFields })`). */
export type AggregateMapping<S> = AggregateKeys<S> & AggregateStorage<S>;

/**
 * The repository of one defined aggregate, as the command handler uses it: load (with the redelivery check), insert
 * and update through the AggregateStore (state, events and processed event id in one conditional write; the store
 * bumps the version), and the kick that publishes a written outbox now. A service's repository extends it with its
 * reads: `super(collection, theAggregate, { toState, toFields, ...storeOptions })`.
 */
export class AggregateRepo<S> implements CommandStore<S> {
  protected readonly store: AggregateStore;
  private readonly m: AggregateMapping<S>;

  constructor(
    readonly collection: mongo.Collection<Doc>,
    aggregate: AggregateKeys<S> & Partial<AggregateStorage<S>>,
    storage: Partial<AggregateStorage<S>> & AggregateStoreOptions = {},
  ) {
    const { toState, toFields, ...options } = storage;
    const m = { ...aggregate, ...(toState ? { toState } : {}), ...(toFields ? { toFields } : {}) };
    if (!m.toState || !m.toFields) throw new Error('AggregateRepo: toState and toFields are needed');
    this.m = m as AggregateMapping<S>;
    this.store = new AggregateStore(collection, options);
  }

  async load(id: string, processedEventId?: string): Promise<Loaded<S> | null> {
    // An aggregate that records the cause only at some states tells a redelivery by its state (see `recordsCause`).
    const loaded = await this.store.load(id, this.m.toState, this.m.recordsCause ? undefined : processedEventId);
    if (loaded && this.m.versioned) (loaded.state as { version: number }).version = loaded.version;
    return loaded;
  }

  insert(state: S, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]) {
    return this.store.insert(this.m.idOf(state), this.fields(state, true), { events, processedEventId: this.recorded(state, processedEventId), audit });
  }

  update(state: S, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]) {
    return this.store.update(this.m.idOf(state), expectedVersion, this.fields(state, false), {
      events,
      processedEventId: this.recorded(state, processedEventId),
      audit,
    });
  }

  /** Many inserts in one round trip, each its own single-document write (see AggregateStore.insertMany). */
  insertMany(items: { state: S; events: OutgoingEvent[] }[]) {
    return this.store.insertMany(items.map((i) => ({ id: this.m.idOf(i.state), state: this.fields(i.state, true), events: i.events })));
  }

  /** Many updates in one round trip, each its own conditional single-document write (see AggregateStore.updateMany). */
  updateMany(items: { state: S; expectedVersion: number; events: OutgoingEvent[] }[]) {
    return this.store.updateMany(
      items.map((i) => ({ id: this.m.idOf(i.state), expectedVersion: i.expectedVersion, set: this.fields(i.state, false), events: i.events })),
    );
  }

  /** Publish the aggregate's outbox now, when this process runs a relay over the collection. */
  kick(id: string): void {
    leasingRelay(this.collection)?.kick(this.collection, id);
  }

  /** Moves the audit entries this aggregate's writes carried into the trail (see AggregateWrite.audit). */
  settleAudit(audit: AuditLog, id: string): Promise<void> {
    return audit.settle(this.collection, id);
  }

  async get(id: string) {
    return (await this.load(id))?.state ?? null;
  }

  /** The stored fields; the version is the store's to keep. */
  protected fields(state: S, isNew: boolean): Doc {
    const fields = this.m.toFields(state, isNew);
    if (!this.m.versioned) return fields;
    const { version: _kept, ...rest } = fields;
    return rest;
  }

  private recorded(state: S, processedEventId: string | undefined) {
    return this.m.recordsCause && !this.m.recordsCause(state) ? undefined : processedEventId;
  }
}
