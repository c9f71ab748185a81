import { AggregateRepo, findPage, plainStorage, type Page, type PageRequest } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Application, ApplicationState } from '../domain/application';
import type { ApplicationStore } from '../use-cases/ports';
import { applicationAggregate } from '../use-cases/aggregates';

type Doc = mongo.Document;

const storage = plainStorage<Application>();

/**
 * Applications keyed by their id; a decision's event (outbox) and its audit entry ride in the same single-document
 * update. Lists page newest first: an operator's by state (`{state, submittedAt, _id}`), an applicant's own by
 * `{personId, submittedAt, _id}` (data/collections.ts).
 */
export class ApplicationRepo extends AggregateRepo<Application> implements ApplicationStore {
  constructor(private readonly applications: mongo.Collection<Doc>) {
    super(applications, applicationAggregate, storage);
  }

  page(q: { state?: ApplicationState | undefined } & PageRequest): Promise<Page<Application>> {
    return findPage(this.applications, {
      filter: q.state ? { state: q.state } : {},
      by: 'submittedAt',
      dir: -1,
      page: q,
      hint: q.state ? { state: 1, submittedAt: -1, _id: -1 } : { submittedAt: -1, _id: -1 },
      map: storage.toState,
    });
  }

  /** The name an approved application gave a farm or partner (by the `placeId` index). */
  async nameOf(placeId: string): Promise<string | null> {
    const doc = await this.applications.findOne(
      { placeId, state: 'approved' },
      { projection: { 'farm.name': 1, 'partner.name': 1 } },
    );
    return (doc?.farm?.name as string | undefined) ?? (doc?.partner?.name as string | undefined) ?? null;
  }

  mine(personId: string, page: PageRequest): Promise<Page<Application>> {
    return findPage(this.applications, {
      filter: { personId },
      by: 'submittedAt',
      dir: -1,
      page,
      map: storage.toState,
    });
  }
}
