import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import { sameMembership, type Membership, type Person, type PersonEvent } from './person';

type PersonOutcome = Outcome<Person, PersonEvent>;

/** A new account becomes a person who may shop. Registering twice (a retried hook) changes nothing. */
export const register = (
  current: Person | null,
  cmd: { personId: string; language: string; email?: string | undefined; name?: string | undefined },
  now: Date,
): PersonOutcome => {
  if (current) return ignore('already registered');
  const at = now.toISOString();
  const person: Person = {
    personId: cmd.personId,
    language: cmd.language,
    memberships: [{ kind: 'buyer' }],
    registeredAt: at,
  };
  return change(person, [
    {
      type: 'ftt.identity.person.registered.v1',
      // the address and name ride on the event only (notifications writes to them), never in the person
      data: {
        personId: cmd.personId,
        at,
        language: cmd.language,
        ...(cmd.email ? { email: cmd.email } : {}),
        ...(cmd.name ? { name: cmd.name } : {}),
      },
    },
  ]);
};

/**
 * Grant a membership. Buyer is everyone's and never granted; granting what the person already has is ignored,
 * except a partner membership whose regions changed, which replaces the old one (and is announced again).
 */
export const grant = (
  current: Person | null,
  cmd: { membership: Membership; by: string },
  now: Date,
): PersonOutcome => {
  if (!current || current.erasedAt) return reject('person.not_found', 'no such person');
  if (cmd.membership.kind === 'buyer')
    return reject('membership.invalid', 'everyone is a buyer; it is not granted');
  const existing = current.memberships.find((m) => sameMembership(m, cmd.membership));
  if (existing && JSON.stringify(existing) === JSON.stringify(cmd.membership))
    return ignore('already a member');
  const memberships = [...current.memberships.filter((m) => m !== existing), cmd.membership];
  const at = now.toISOString();
  return change({ ...current, memberships }, [
    {
      type: 'ftt.identity.membership.granted.v1',
      data: { personId: current.personId, at, membership: cmd.membership, grantedBy: cmd.by },
    },
  ]);
};

/** Revoke a membership; one the person does not have is ignored. Buyer cannot be revoked (delete the account). */
export const revoke = (
  current: Person | null,
  cmd: { membership: Membership; by: string },
  now: Date,
): PersonOutcome => {
  if (!current) return reject('person.not_found', 'no such person');
  if (cmd.membership.kind === 'buyer')
    return reject('membership.invalid', 'buyer is not revoked; delete the account');
  const existing = current.memberships.find((m) => sameMembership(m, cmd.membership));
  if (!existing) return ignore('not a member');
  const at = now.toISOString();
  return change({ ...current, memberships: current.memberships.filter((m) => m !== existing) }, [
    {
      type: 'ftt.identity.membership.revoked.v1',
      data: { personId: current.personId, at, membership: existing, revokedBy: cmd.by },
    },
  ]);
};

/**
 * The person deleted their account: every membership ends with it, and person.erased.v1 tells the other services to
 * remove what they hold about them. A person whose registration was never written is erased all the same (the
 * services may know them from their tokens); erasing twice (a retried deletion) changes nothing.
 */
export const erase = (current: Person | null, cmd: { personId: string }, now: Date): PersonOutcome => {
  if (current?.erasedAt) return ignore('already erased');
  const at = now.toISOString();
  const person: Person = {
    personId: cmd.personId,
    language: current?.language ?? 'en',
    memberships: [],
    registeredAt: current?.registeredAt ?? at,
    erasedAt: at,
  };
  return change(person, [{ type: 'ftt.identity.person.erased.v1', data: { personId: cmd.personId, at } }]);
};
