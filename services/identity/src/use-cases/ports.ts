import type { CommandStore } from '@ftt/kit';
import type { Person } from '../domain/person';

export interface PersonStore extends CommandStore<Person> {
  get(personId: string): Promise<Person | null>;
}
