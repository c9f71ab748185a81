import { aggregatesOf, eventSource } from '@ftt/kit';
import { ApplicationAggregateState, type Application, type ApplicationEvent } from '../domain/application';
import { InviteState, type Invite } from '../domain/invite';
import { PersonState, type Person, type PersonEvent } from '../domain/person';

/** The CloudEvents source of every event identity writes. */
export const SOURCE = eventSource('identity');

/** The definition of an aggregate of this service (its events' source is SOURCE). */
const aggregate = aggregatesOf(SOURCE);

/** A person: one account with memberships. Work without a trace of its own continues the person's. */
export const personAggregate = aggregate<Person, PersonEvent>({
  name: 'person', collection: 'people', schema: PersonState,
  idOf: (p) => p.personId, traceOf: (p) => p.traceparent,
});

/** A farm's or partner's application, decided by an operator. */
export const applicationAggregate = aggregate<Application, ApplicationEvent>({
  name: 'application', collection: 'applications', schema: ApplicationAggregateState,
  idOf: (a) => a.applicationId, traceOf: (a) => a.traceparent,
});

/** An invitation to a farm or partner (no events of its own). */
export const inviteAggregate = aggregate<Invite>({
  name: 'invite', collection: 'invites', schema: InviteState,
  idOf: (i) => i.inviteId, traceOf: (i) => i.traceparent,
});
