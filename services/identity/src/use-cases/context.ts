import {
  envelopesFor,
  eventSource,
  tracedCommandHandler,
  type CommandHandler,
  type UseCaseDeps,
} from '@ftt/kit';
import type { Person, PersonEvent } from '../domain/person';
import type { PersonStore } from './ports';

/** The CloudEvents source of every event identity writes. */
export const SOURCE = eventSource('identity');

export interface Deps extends UseCaseDeps {
  people: PersonStore;
}

export interface Context extends Deps {
  /** The one way a person changes: load, decide, one conditional write with its events, retry, kick. */
  handlePerson: CommandHandler<Person, PersonEvent>;
}

export const createContext = (deps: Deps): Context => ({
  ...deps,
  handlePerson: tracedCommandHandler<Person, PersonEvent>(deps, {
    aggregate: 'person',
    store: deps.people,
    toEvents: envelopesFor<Person>(SOURCE),
  }),
});
