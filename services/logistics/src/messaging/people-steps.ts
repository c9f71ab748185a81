import type { EventSteps } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { erasePersonalData, type PersonalDataStore } from '../use-cases/erasure';

/** What logistics does with identity's people topic: a deleted account's personal data goes. */
export const peopleSteps = (personalData: PersonalDataStore): EventSteps<Context> => ({
  'ftt.identity.person.erased.v1': (ctx, data, cause) => erasePersonalData(ctx, personalData, data, cause),
});
