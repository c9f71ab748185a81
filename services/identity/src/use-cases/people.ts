import type { Cause } from '@ftt/kit';
import { DomainError } from '@ftt/kit';
import type { Membership, Person } from '../domain/person';
import { erase, grant, register, revoke } from '../domain/person-decide';
import type { Context } from './context';

/** A new account becomes a person (a buyer), announced on the people topic. Idempotent. */
export const registerPerson = async (
  ctx: Context,
  cmd: { personId: string; language: string; email?: string | undefined; name?: string | undefined },
  cause: Cause = {},
) => ctx.handlePerson.create(cmd.personId, (current, now) => register(current, cmd, now), cause);

export const grantMembership = async (
  ctx: Context,
  personId: string,
  cmd: { membership: Membership; by: string },
  cause: Cause = {},
): Promise<Person> => {
  const r = await ctx.handlePerson(personId, (current, now) => grant(current, cmd, now), cause);
  if (!r.state) throw new DomainError('person.not_found', 'no such person');
  return r.state;
};

export const revokeMembership = async (
  ctx: Context,
  personId: string,
  cmd: { membership: Membership; by: string },
  cause: Cause = {},
): Promise<Person> => {
  const r = await ctx.handlePerson(personId, (current, now) => revoke(current, cmd, now), cause);
  if (!r.state) throw new DomainError('person.not_found', 'no such person');
  return r.state;
};

/** The person deleted their account: state and person.erased.v1 in one write (outbox). Idempotent. */
export const erasePerson = async (ctx: Context, personId: string, cause: Cause = {}) =>
  ctx.handlePerson(personId, (current, now) => erase(current, { personId }, now), cause);

/**
 * What a token says the person may do. A person whose registration has not been written yet (the hook after
 * sign-up failed, or is still on its way) is a buyer: registering again here mends it.
 */
export const membershipsOf = async (
  ctx: Context,
  personId: string,
  language = 'en',
): Promise<Membership[]> => {
  const person = await ctx.people.get(personId);
  if (person) return person.memberships;
  const r = await registerPerson(ctx, { personId, language });
  return r.state?.memberships ?? [{ kind: 'buyer' }];
};
