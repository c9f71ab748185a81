import { aggregateHandler, type AggregateHandler, type AuditLog, type UseCaseDeps } from '@ftt/kit';
import type { Application, ApplicationEvent } from '../domain/application';
import type { Invite } from '../domain/invite';
import type { Person, PersonEvent } from '../domain/person';
import type { OutgoingMail } from '@ftt/kit/mail';
import { applicationAggregate, inviteAggregate, personAggregate } from './aggregates';
import type { ApplicationStore, InviteStore, PersonStore } from './ports';

export interface Deps extends UseCaseDeps {
  people: PersonStore;
  applications: ApplicationStore;
  invites: InviteStore;
  /** Where operators' decisions are audited (the kit's trail, GET /admin/audit). */
  audit: AuditLog;
  /** Moves the audit entries an application's write carried into the trail. */
  settleApplicationAudit: (applicationId: string) => Promise<void>;
  send: (mail: OutgoingMail) => Promise<void>;
  /** The account's email and whether it is verified (better-auth's user), for accepting an invitation. */
  accountEmail: (personId: string) => Promise<{ email: string; emailVerified: boolean; name: string } | null>;
  /** The web app's address: invitation links open its page. */
  appUrl: string;
  inviteTtlMs: number;
  /** A farm's or partner's name as its approved application gave it (the id when there is none, e.g. demo farms). */
  placeName: (placeId: string) => Promise<string>;
}

export interface Context extends Deps {
  /** The one way a person changes: load, decide, one conditional write with its events, retry, kick. */
  handlePerson: AggregateHandler<Person, PersonEvent>;
  handleApplication: AggregateHandler<Application, ApplicationEvent>;
  handleInvite: AggregateHandler<Invite, never>;
}

export const createContext = (deps: Deps): Context => ({
  ...deps,
  handlePerson: aggregateHandler(personAggregate, deps.people, deps),
  handleApplication: aggregateHandler(applicationAggregate, deps.applications, deps),
  handleInvite: aggregateHandler(inviteAggregate, deps.invites, deps),
});
