import { defineAggregate, eventSource } from '@ftt/kit';
import { ApplicationAggregateState, type Application, type ApplicationEvent } from '../domain/application';
import { InviteState, type Invite } from '../domain/invite';
import { PersonState, type Person, type PersonEvent } from '../domain/person';

/** The CloudEvents source of every event identity writes. */
export const SOURCE = eventSource('identity');

/** A person: one account with memberships. Work without a trace of its own continues the person's. */
export const personAggregate = defineAggregate<Person, PersonEvent>({
  name: 'person',
  collection: 'people',
  schema: PersonState,
  idOf: (p) => p.personId,
  source: SOURCE,
  traceOf: (p) => p.traceparent,
});

/** A farm's or partner's application, decided by an operator. */
export const applicationAggregate = defineAggregate<Application, ApplicationEvent>({
  name: 'application',
  collection: 'applications',
  schema: ApplicationAggregateState,
  idOf: (a) => a.applicationId,
  source: SOURCE,
  traceOf: (a) => a.traceparent,
});

/** An invitation to a farm or partner (no events of its own). */
export const inviteAggregate = defineAggregate<Invite>({
  name: 'invite',
  collection: 'invites',
  schema: InviteState,
  idOf: (i) => i.inviteId,
  source: SOURCE,
  traceOf: (i) => i.traceparent,
});
