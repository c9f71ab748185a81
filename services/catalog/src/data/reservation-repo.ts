import { AggregateRepo } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Reservation } from '../domain/reservation';
import { reservationAggregate } from '../use-cases/aggregates';
import type { Reservations } from '../use-cases/ports';
import { fromDocument, INTERNAL_FIELDS, toFields, type Collection } from './collections';

const toReservation = (doc: mongo.Document): Reservation => fromDocument(doc) as Reservation;

/** One document per order (the order id is the idempotency key); every claim is a write conditional on the version. */
export class ReservationRepo extends AggregateRepo<Reservation> implements Reservations {
  constructor(readonly col: Collection) {
    super(col, reservationAggregate, { toState: toReservation, toFields: (r) => toFields(r) });
  }

  override async get(orderId: string): Promise<Reservation | null> {
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
