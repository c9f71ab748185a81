import { AggregateStore, type AggregateWrite, type WriteResult } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Reservation } from '../domain/reservation';
import type { Reservations } from '../use-cases/ports';
import { fromDocument, INTERNAL_FIELDS, toFields, type Collection } from './collections';

const toReservation = (doc: mongo.Document): Reservation => fromDocument(doc) as Reservation;

export class ReservationRepo implements Reservations {
  readonly store: AggregateStore;

  constructor(readonly col: Collection) {
    this.store = new AggregateStore(col);
  }

  /** 'duplicate' when a reservation for this order exists already: the order id is the idempotency key. */
  insert(r: Reservation, w: AggregateWrite = {}): Promise<WriteResult> {
    return this.store.insert(r.id, toFields(r), w);
  }

  /** Written only if nobody changed the reservation since `expectedVersion`: this is every claim. */
  save(r: Reservation, expectedVersion: number, w: AggregateWrite = {}): Promise<WriteResult> {
    return this.store.update(r.id, expectedVersion, toFields(r), w);
  }

  async get(orderId: string): Promise<Reservation | null> {
    const doc = await this.col.findOne({ _id: orderId } as mongo.Document, { projection: INTERNAL_FIELDS });
    return doc ? toReservation(doc) : null;
  }

  /** Unpaid reservations past their expiry, and in-between states whose owner's claim ran out. */
  async due(now: Date, limit: number): Promise<Reservation[]> {
    const t = now.toISOString();
    // Two queries, each on its own index, rather than one $or (which SecantusDB may answer by scanning).
    const expired = await this.col
      .find({ status: 'reserved', expiresAt: { $lt: t } }, { projection: INTERNAL_FIELDS })
      .limit(limit)
      .toArray();
    if (expired.length >= limit) return expired.map(toReservation); // (limit 0 would mean no limit)
    const stalled = await this.col
      .find(
        { status: { $in: ['reserving', 'rejecting', 'committing', 'releasing'] }, claimUntil: { $lt: t } },
        { projection: INTERNAL_FIELDS },
      )
      .limit(limit - expired.length)
      .toArray();
    return [...expired, ...stalled].map(toReservation);
  }
}
