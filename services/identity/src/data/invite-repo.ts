import { AggregateRepo, plainStorage } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Invite } from '../domain/invite';
import type { InviteStore } from '../use-cases/ports';
import { inviteAggregate } from '../use-cases/aggregates';

type Doc = mongo.Document;

/** Invitations keyed by their id (random: the link in the mail names it); read by that key only. */
export class InviteRepo extends AggregateRepo<Invite> implements InviteStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, inviteAggregate, plainStorage<Invite>());
  }
}
