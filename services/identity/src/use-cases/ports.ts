import type { CommandStore, Page, PageRequest } from '@ftt/kit';
import type { Application, ApplicationState } from '../domain/application';
import type { Invite } from '../domain/invite';
import type { Person } from '../domain/person';

export interface PersonStore extends CommandStore<Person> {
  get(personId: string): Promise<Person | null>;
}

export interface ApplicationStore extends CommandStore<Application> {
  get(applicationId: string): Promise<Application | null>;
  page(q: { state?: ApplicationState | undefined } & PageRequest): Promise<Page<Application>>;
  mine(personId: string, page: PageRequest): Promise<Page<Application>>;
  nameOf(placeId: string): Promise<string | null>;
}

export interface InviteStore extends CommandStore<Invite> {
  get(inviteId: string): Promise<Invite | null>;
}
