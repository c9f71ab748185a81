import { Membership } from '@ftt/contracts';
import { z } from 'zod';

export type { Membership };

/**
 * A person as identity's services see them: the account's id (better-auth's user id), the language mails are
 * written in, and what they may do. Everyone is a buyer; the other memberships are granted and revoked.
 * Name, email and password live in better-auth's collections, not here.
 */
export interface Person {
  personId: string;
  language: string;
  memberships: Membership[];
  registeredAt: string;
  /** The person deleted their account: no memberships, nothing personal left anywhere (person.erased.v1 says so). */
  erasedAt?: string | undefined;
  traceparent?: string | undefined;
}

/** What a person document holds (the aggregate's state schema: the decider tests parse every state with it). */
export const PersonState: z.ZodType<Person> = z.strictObject({
  personId: z.string().min(1),
  language: z.string().min(2),
  memberships: z.array(Membership),
  registeredAt: z.iso.datetime(),
  erasedAt: z.iso.datetime().optional(),
  traceparent: z.string().optional(),
});

export type PersonEvent =
  | {
      type: 'ftt.identity.person.registered.v1';
      data: { personId: string; at: string; language: string; email?: string; name?: string };
    }
  | {
      type: 'ftt.identity.membership.granted.v1';
      data: { personId: string; at: string; membership: Membership; grantedBy: string };
    }
  | {
      type: 'ftt.identity.membership.revoked.v1';
      data: { personId: string; at: string; membership: Membership; revokedBy: string };
    }
  | { type: 'ftt.identity.person.erased.v1'; data: { personId: string; at: string } };

/** Two memberships are the same place and role (a partner's regions may change without a new membership). */
export const sameMembership = (a: Membership, b: Membership): boolean => {
  switch (a.kind) {
    case 'buyer':
    case 'operator':
      return b.kind === a.kind;
    case 'farm':
      return b.kind === 'farm' && b.farmId === a.farmId && b.role === a.role;
    case 'partner':
      return b.kind === 'partner' && b.partnerId === a.partnerId && b.role === a.role;
    default: {
      const never: never = a;
      return never;
    }
  }
};

/**
 * What a person may do right now: an operator acts as one only with a second factor enrolled (issue #28). Until
 * then the operator membership stays granted but is left out of tokens.
 */
export const effectiveMemberships = (
  memberships: readonly Membership[],
  account: { secondFactor: boolean },
): Membership[] => memberships.filter((m) => m.kind !== 'operator' || account.secondFactor);

/** An operator who has not enrolled a second factor yet (the account page asks them to). */
export const needsSecondFactor = (memberships: readonly Membership[], account: { secondFactor: boolean }) =>
  !account.secondFactor && memberships.some((m) => m.kind === 'operator');
