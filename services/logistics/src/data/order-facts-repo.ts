import { AggregateRepo } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { OrderFacts } from '../domain/order-facts';
import { orderFactsAggregate } from '../use-cases/aggregates';
import type { OrderFactsStore } from '../use-cases/ports';

type Doc = mongo.Document;

const toFacts = (doc: Doc): OrderFacts => {
  const { _id, version: _version, ...rest } = doc;
  return { ...rest, orderId: String(_id) } as OrderFacts;
};

const withoutKey = ({ orderId: _key, ...fields }: OrderFacts): Doc => fields;

/**
 * What logistics knows of each order, as an aggregate: one versioned document per order whose writes carry
 * their events (the answers to cancel requests) in its outbox, like shipments.
 */
export class OrderFactsRepo extends AggregateRepo<OrderFacts> implements OrderFactsStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, orderFactsAggregate, { toState: toFacts, toFields: withoutKey });
  }
}
