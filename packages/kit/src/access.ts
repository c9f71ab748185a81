import type { Membership } from '@ftt/contracts';
import { DomainError } from './errors';

/**
 * What each membership role may do: the one permission table of FieldToTable (issue #28). A person acts on a farm
 * or a logistics partner only as a member of it, with a role that this table allows; operators act on all of them
 * (the back office). Everybody with the buyer membership shops.
 */
export const FARM_PERMISSIONS = {
  /** The farm's page and listings as its members see them (drafts, a suspended farm). */
  'farm.read': ['owner', 'packer'],
  /** The farm's profile and payout account. */
  'farm.edit': ['owner'],
  /** Listings: create, edit (prices), publish, pause, archive, photos. */
  'listings.write': ['owner'],
  /** Stock adjustments (write-offs, corrections) and their history. */
  'stock.write': ['owner'],
  /** The farm's orders and the packing list. */
  'packing.read': ['owner', 'packer'],
  /** Payouts and their totals. */
  'payouts.read': ['owner'],
  /** Traceability exports (EPCIS, FSMA 204) of the farm's lots. */
  'trace.read': ['owner'],
  /** Invite a person by email to pack for the farm (identity's invitations). */
  'members.invite': ['owner'],
} as const satisfies Record<string, readonly FarmRole[]>;

export const PARTNER_PERMISSIONS = {
  /** The partner's shipments, runs and their history. */
  'shipments.read': ['manager', 'driver'],
  /** Claim an open shipment or run for the partner. */
  'shipments.claim': ['manager', 'driver'],
  /** Pick up, record checkpoints, deliver, fail, return: the steps of a claimed shipment or run. */
  'shipments.move': ['manager', 'driver'],
  /** Group a day's open boxes of a region into runs. */
  'runs.plan': ['manager'],
  /** Register the partner's temperature loggers. */
  'devices.manage': ['manager'],
  /** Put a logger on a shipment and take it off. */
  'devices.attach': ['manager', 'driver'],
  /** Invite a person by email to drive for the partner (identity's invitations). */
  'members.invite': ['manager'],
} as const satisfies Record<string, readonly PartnerRole[]>;

type FarmMembership = Extract<Membership, { kind: 'farm' }>;
type PartnerMembership = Extract<Membership, { kind: 'partner' }>;
export type FarmRole = FarmMembership['role'];
export type PartnerRole = PartnerMembership['role'];
export type FarmPermission = keyof typeof FARM_PERMISSIONS;
export type PartnerPermission = keyof typeof PARTNER_PERMISSIONS;

/** Who a route is for, checked before anything is read: a member of some farm, of some partner, a buyer, an operator. */
export type Audience = 'buyer' | 'farm' | 'partner' | 'operator';
export const AUDIENCES: readonly Audience[] = ['buyer', 'farm', 'partner', 'operator'];

/** Only what the checks read of a principal (auth.ts defines the full one). */
interface Member {
  readonly memberships: readonly Membership[];
}

export const isOperator = (p: Member): boolean => p.memberships.some((m) => m.kind === 'operator');

/** The places a person may go: the kinds of their memberships. */
export const audiencesOf = (p: Member): Set<Audience> =>
  new Set(
    p.memberships.map((m) =>
      m.kind === 'buyer'
        ? 'buyer'
        : m.kind === 'farm'
          ? 'farm'
          : m.kind === 'partner'
            ? 'partner'
            : 'operator',
    ),
  );

/** A route's audience check: operators are admitted everywhere; others need one of the kinds. 403 otherwise. */
export const requireAudience = (p: Member, audiences: readonly Audience[]): void => {
  if (isOperator(p)) return;
  const mine = audiencesOf(p);
  if (audiences.some((a) => mine.has(a))) return;
  throw new DomainError('auth.forbidden', `for ${audiences.map(describe).join(' or ')}`);
};

const describe = (a: Audience) =>
  a === 'buyer'
    ? 'buyers'
    : a === 'farm'
      ? 'members of a farm'
      : a === 'partner'
        ? 'members of a logistics partner'
        : 'operators';

const farmMemberships = (p: Member): FarmMembership[] =>
  p.memberships.filter((m): m is FarmMembership => m.kind === 'farm');
const partnerMemberships = (p: Member): PartnerMembership[] =>
  p.memberships.filter((m): m is PartnerMembership => m.kind === 'partner');

const farmRoleMay = (role: FarmRole, permission: FarmPermission) =>
  (FARM_PERMISSIONS[permission] as readonly FarmRole[]).includes(role);
const partnerRoleMay = (role: PartnerRole, permission: PartnerPermission) =>
  (PARTNER_PERMISSIONS[permission] as readonly PartnerRole[]).includes(role);

/** Whether the person may do this on this farm (an operator may on every farm). */
export const mayFarm = (p: Member, farmId: string, permission: FarmPermission): boolean =>
  isOperator(p) || farmMemberships(p).some((m) => m.farmId === farmId && farmRoleMay(m.role, permission));

/** The farms on which the person may do this, in the order of their memberships (operators: only their own). */
export const farmsOf = (p: Member, permission: FarmPermission = 'farm.read'): string[] => [
  ...new Set(
    farmMemberships(p)
      .filter((m) => farmRoleMay(m.role, permission))
      .map((m) => m.farmId),
  ),
];

/**
 * "A member of this farm with a role that may do this": 403 `<what>.forbidden` otherwise, saying whether the person
 * is no member at all or a member whose role may not (a packer changing a price).
 */
export const requireFarm = (p: Member, farmId: string, permission: FarmPermission, what = 'farm'): void => {
  if (mayFarm(p, farmId, permission)) return;
  const roles = farmMemberships(p)
    .filter((m) => m.farmId === farmId)
    .map((m) => m.role);
  throw new DomainError(
    `${what}.forbidden`,
    roles.length
      ? `a ${roles.join(' and ')} of this farm may not do this (${permission})`
      : `you are not a member of this farm`,
  );
};

export const mayPartner = (p: Member, partnerId: string, permission: PartnerPermission): boolean =>
  isOperator(p) ||
  partnerMemberships(p).some((m) => m.partnerId === partnerId && partnerRoleMay(m.role, permission));

export const requirePartner = (
  p: Member,
  partnerId: string,
  permission: PartnerPermission,
  what = 'partner',
): void => {
  if (mayPartner(p, partnerId, permission)) return;
  const roles = partnerMemberships(p)
    .filter((m) => m.partnerId === partnerId)
    .map((m) => m.role);
  throw new DomainError(
    `${what}.forbidden`,
    roles.length
      ? `a ${roles.join(' and ')} of this partner may not do this (${permission})`
      : `you are not a member of this logistics partner`,
  );
};

/** The partners for which the person may do this (operators: only their own memberships). */
export const partnersOf = (p: Member, permission: PartnerPermission = 'shipments.read'): string[] => [
  ...new Set(
    partnerMemberships(p)
      .filter((m) => partnerRoleMay(m.role, permission))
      .map((m) => m.partnerId),
  ),
];

/** The regions the person's partners serve (where open shipments are shown to them by default). */
export const regionsOf = (p: Member): string[] => [
  ...new Set(partnerMemberships(p).flatMap((m) => m.regions)),
];

/**
 * The partner the person acts for when taking new work (a claim, a logger): the first membership that may, serving
 * `region` when one is named. 403 when there is none.
 */
export const actingPartner = (
  p: Member,
  permission: PartnerPermission,
  region?: string,
  what = 'partner',
): string => {
  const allowed = partnerMemberships(p).filter((m) => partnerRoleMay(m.role, permission));
  const m =
    (region !== undefined ? allowed.find((x) => x.regions.includes(region)) : undefined) ?? allowed[0];
  if (m) return m.partnerId;
  throw new DomainError(
    `${what}.forbidden`,
    partnerMemberships(p).length
      ? `your role at your logistics partner may not do this (${permission})`
      : 'you are not a member of a logistics partner',
  );
};

/**
 * Things that belong to one person (an order to its buyer, a notification to its recipient): that person, or an
 * operator. 403 `<what>.forbidden` otherwise.
 */
export const assertOwner = (p: Member & { userId: string }, ownerId: string, what = 'resource'): void => {
  if (isOperator(p) || p.userId === ownerId) return;
  throw new DomainError(`${what}.forbidden`, `you do not own this ${what}`);
};

export const requireOperator = (p: Member): void => {
  if (!isOperator(p)) throw new DomainError('auth.forbidden', 'for operators');
};
