import { z } from 'zod';
import { Id, IsoDateTime, Region } from '../common';
import { defineEvent } from '../define';
import { Topics } from '../topics';

/**
 * What a person may do besides shopping (everyone is a buyer). One schema for the events and for the access
 * token's `memberships` claim, so the services read what identity wrote.
 */
export const Membership = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('buyer') }),
  z.object({ kind: z.literal('farm'), farmId: Id, role: z.enum(['owner', 'packer']) }),
  z.object({
    kind: z.literal('partner'),
    partnerId: Id,
    role: z.enum(['manager', 'driver']),
    regions: z.array(Region).min(1).max(50),
  }),
  z.object({ kind: z.literal('operator') }),
]);
export type Membership = z.infer<typeof Membership>;

/** A person's events are keyed by the person, so their memberships arrive in the order they changed. */
const aboutPerson = {
  topic: Topics.people,
  key: (d: { personId: string }) => d.personId,
  subject: (d: { personId: string }) => `person/${d.personId}`,
};

export const PersonRegisteredV1 = defineEvent({
  ...aboutPerson,
  type: 'ftt.identity.person.registered.v1',
  schema: z.object({
    personId: Id,
    at: IsoDateTime,
    language: z.string().regex(/^[a-z]{2}$/),
    /** Where mails to the person go (notifications' welcome, and its later messages); absent on older events. */
    email: z.email().max(254).optional(),
    /** What mails greet the person with; absent on older events. */
    name: z.string().min(1).max(200).optional(),
  }),
  description:
    'A person signed up (a buyer from now on), with the address and name notifications writes to (added, ' +
    'optional). Every other service keeps the id only; person.erased.v1 tells each to forget what it holds.',
});

export const MembershipGrantedV1 = defineEvent({
  ...aboutPerson,
  type: 'ftt.identity.membership.granted.v1',
  schema: z.object({ personId: Id, at: IsoDateTime, membership: Membership, grantedBy: Id }),
  description: 'A person became a member of a farm or a logistics partner, or an operator.',
});

export const MembershipRevokedV1 = defineEvent({
  ...aboutPerson,
  type: 'ftt.identity.membership.revoked.v1',
  schema: z.object({ personId: Id, at: IsoDateTime, membership: Membership, revokedBy: Id }),
  description: 'A membership ended; tokens issued before it carry it until they expire (minutes).',
});

/** What an applicant asks to become: a farm that sells, or a logistics partner that delivers in its regions. */
export const ApplicationKind = z.enum(['farm', 'partner']);

export const ApplicationDecidedV1 = defineEvent({
  // Keyed by the applicant, like their memberships: the decision arrives before the membership it grants.
  ...aboutPerson,
  type: 'ftt.identity.application.decided.v1',
  schema: z.object({
    applicationId: Id,
    personId: Id,
    at: IsoDateTime,
    kind: ApplicationKind,
    decision: z.enum(['approved', 'rejected']),
    /** The operator's reason (both decisions carry one; a rejection's is shown to the applicant). */
    reason: z.string().min(1).max(500),
    decidedBy: Id,
    /** The farm the approval made (farm applications): catalog lets it publish listings from now on. */
    farm: z.object({ farmId: Id, name: z.string().min(1).max(120), region: Region }).optional(),
    /** The partner the approval made (partner applications), with the regions it serves. */
    partner: z
      .object({ partnerId: Id, name: z.string().min(1).max(120), regions: z.array(Region).min(1).max(50) })
      .optional(),
  }),
  description:
    'An operator approved or rejected an application to sell (a farm) or to deliver (a logistics partner). An ' +
    'approval is followed by the membership it grants (owner of the new farm, manager of the new partner).',
});

export const PersonErasedV1 = defineEvent({
  ...aboutPerson,
  type: 'ftt.identity.person.erased.v1',
  schema: z.object({ personId: Id, at: IsoDateTime }),
  description:
    'A person deleted their account: identity removed their account data; every service removes the personal data it ' +
    'holds about them (orders keep the order for accounting without name, address and phone). Idempotent to apply.',
});

export const PlaceSuspensionChangedV1 = defineEvent({
  // Keyed by the applicant, like the decision that approved the place: a suspension arrives after the approval.
  ...aboutPerson,
  type: 'ftt.identity.place.suspension_changed.v1',
  schema: z.object({
    /** The approved application that made the farm or partner. */
    applicationId: Id,
    /** The applicant (the farm's owner, the partner's manager). */
    personId: Id,
    kind: ApplicationKind,
    /** The farm's or partner's id (the approval's farmId / partnerId). */
    placeId: Id,
    state: z.enum(['suspended', 'reinstated']),
    /** The operator's reason, shown to the farm or partner. */
    reason: z.string().min(1).max(500),
    by: Id,
    at: IsoDateTime,
  }),
  description:
    'An operator suspended an approved farm or logistics partner, or reinstated it. Suspended, a farm sells nothing ' +
    '(its listings leave search, are not reservable, and it publishes none) and a partner claims and picks up nothing.',
});
