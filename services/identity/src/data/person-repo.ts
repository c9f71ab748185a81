import { AggregateRepo, plainStorage } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Person } from '../domain/person';
import type { PersonStore } from '../use-cases/ports';
import { personAggregate } from '../use-cases/aggregates';

type Doc = mongo.Document;

/** People keyed by their account id; writes carry their events (outbox) in the same single-document update. */
export class PersonRepo extends AggregateRepo<Person> implements PersonStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, personAggregate, plainStorage<Person>());
  }
}
