import type { OutgoingEvent } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import type { CommandStore, Loaded } from '../command/handler';
import type { AuditLog } from '../admin/audit';
import type { AuditRecord } from '../domain/audit-record';
import { AggregateStore, type AggregateStoreOptions } from './aggregate-store';

type Doc = mongo.Document;

/** How an aggregate's state is stored: its key, the state of a stored document, the fields a write stores. */
export interface AggregateMapping<S> {
  idOf: (state: S) => string;
  toState: (doc: Doc) => S;
  toFields: (state: S) => Doc;
}

/**
 * The repository of one aggregate as the command handler uses it: load (with the redelivery check), insert and
 * update through the AggregateStore (state, events and processed event id in one conditional write).
 */
export class AggregateRepo<S> implements CommandStore<S> {
  protected readonly store: AggregateStore;

  constructor(
    protected readonly collection: mongo.Collection<Doc>,
    private readonly mapping: AggregateMapping<S>,
    options: AggregateStoreOptions = {},
  ) {
    this.store = new AggregateStore(collection, options);
  }

  load(id: string, processedEventId?: string): Promise<Loaded<S> | null> {
    return this.store.load(id, this.mapping.toState, processedEventId);
  }

  insert(state: S, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]) {
    const { idOf, toFields } = this.mapping;
    return this.store.insert(idOf(state), toFields(state), { events, processedEventId, audit });
  }

  update(state: S, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]) {
    const { idOf, toFields } = this.mapping;
    return this.store.update(idOf(state), expectedVersion, toFields(state), { events, processedEventId, audit });
  }

  /** Moves the audit entries this aggregate's writes carried into the trail (see AggregateWrite.audit). */
  settleAudit(audit: AuditLog, id: string): Promise<void> {
    return audit.settle(this.collection, id);
  }

  async get(id: string) {
    return (await this.load(id))?.state ?? null;
  }
}
