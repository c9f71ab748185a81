import {
  actingPartner,
  partnersOf,
  regionsOf,
  DomainError,
  type PartnerPermission,
  type Principal,
} from '@ftt/kit';

/*
 * Which logistics partner a person acts for (issue #28): a shipment or run belongs to a partner, and a person acts on
 * it as one of the partner's members (manager or driver) whose role may (packages/kit/src/access.ts). The shipment
 * and run deciders compare partner ids; these helpers choose the id they are given.
 */

/**
 * On work already assigned: the assigned partner when the person is its member with `permission`; otherwise the
 * person's own (first) partner, which the decider refuses as another partner's work (403).
 */
export const actingOn = (
  caller: Principal,
  assigned: string | undefined,
  permission: PartnerPermission,
): string =>
  assigned !== undefined && partnersOf(caller, permission).includes(assigned)
    ? assigned
    : (partnersOf(caller)[0] ?? caller.userId);

/** Taking new work (a claim): the person's partner that serves the region, or their first that may claim. 403 for none. */
export const claimingFor = (caller: Principal, region?: string): string =>
  actingPartner(caller, 'shipments.claim', region, 'partner');

/** Whose lists "mine" shows: the person's first partner (an operator without one sees an empty list). */
export const listedFor = (caller: Principal): string =>
  partnersOf(caller, 'shipments.read')[0] ?? caller.userId;

/** The region asked for, or the one region the person's partners serve; with several, they must name one. */
export const regionFor = (caller: Principal, asked: string | undefined, what: 'shipment' | 'run'): string => {
  if (asked) return asked;
  const regions = regionsOf(caller);
  if (regions.length === 1) return regions[0]!;
  throw new DomainError(
    `${what}.invalid`,
    'region is required: your partners serve several regions (or none)',
    [
      {
        field: 'query.region',
        message: regions.length ? `required: one of ${regions.join(', ')}` : 'required (you serve no region)',
      },
    ],
  );
};
