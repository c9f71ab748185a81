import type { Membership } from '@ftt/contracts';
import { describe, expect, it } from 'vitest';
import {
  actingPartner,
  assertOwner,
  farmsOf,
  FARM_PERMISSIONS,
  mayFarm,
  partnersOf,
  regionsOf,
  requireAudience,
  requireFarm,
  requirePartner,
  type FarmPermission,
} from '../src/access';

const who = (userId: string, ...memberships: Membership[]) => ({ userId, memberships });
const buyer: Membership = { kind: 'buyer' };
const anna = who('anna', buyer, { kind: 'farm', farmId: 'farm-1', role: 'owner' });
const piet = who('piet', buyer, { kind: 'farm', farmId: 'farm-1', role: 'packer' });
const joost = who('joost', buyer, { kind: 'farm', farmId: 'farm-2', role: 'owner' });
const ada = who('ada', buyer, { kind: 'operator' });
const pia = who('pia', buyer, {
  kind: 'partner',
  partnerId: 'ptn-1',
  role: 'manager',
  regions: ['Gelderland'],
});
const dirk = who('dirk', {
  kind: 'partner',
  partnerId: 'ptn-1',
  role: 'driver',
  regions: ['Gelderland', 'Utrecht'],
});
const ben = who('ben', buyer);

const code = (f: () => void) => {
  try {
    f();
    return 'allowed';
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('the permission table: a member of this farm with a role that may do this', () => {
  it('when the owner of a farm acts on it, then everything of the farm is allowed', () => {
    for (const p of Object.keys(FARM_PERMISSIONS) as FarmPermission[])
      expect(mayFarm(anna, 'farm-1', p), p).toBe(true);
  });

  it('when a packer acts, then the farm and its packing list are allowed, and prices, listings, stock and payouts are not', () => {
    expect(mayFarm(piet, 'farm-1', 'farm.read')).toBe(true);
    expect(mayFarm(piet, 'farm-1', 'packing.read')).toBe(true);
    for (const p of ['farm.edit', 'listings.write', 'stock.write', 'payouts.read', 'trace.read'] as const) {
      expect(
        code(() => requireFarm(piet, 'farm-1', p, 'listing')),
        p,
      ).toBe('listing.forbidden');
    }
    expect(() => requireFarm(piet, 'farm-1', 'listings.write')).toThrow(
      /a packer of this farm may not do this/,
    );
  });

  it('when the owner of another farm or a buyer acts on a farm, then it is refused as not a member', () => {
    expect(() => requireFarm(joost, 'farm-1', 'farm.read')).toThrow(/not a member of this farm/);
    expect(code(() => requireFarm(ben, 'farm-1', 'packing.read'))).toBe('farm.forbidden');
    expect(farmsOf(joost)).toEqual(['farm-2']);
    expect(farmsOf(piet, 'listings.write')).toEqual([]);
  });

  it('when an operator acts, then every farm and partner is allowed and every route admits them', () => {
    expect(mayFarm(ada, 'farm-1', 'listings.write')).toBe(true);
    expect(code(() => requirePartner(ada, 'ptn-1', 'runs.plan'))).toBe('allowed');
    expect(code(() => requireAudience(ada, ['farm']))).toBe('allowed');
    expect(code(() => assertOwner(ada, 'ben', 'order'))).toBe('allowed');
  });
});

describe('logistics partners: managers and drivers, with service regions', () => {
  it('when a driver acts, then the shipment steps are allowed and planning runs and registering loggers are not', () => {
    expect(code(() => requirePartner(dirk, 'ptn-1', 'shipments.move'))).toBe('allowed');
    expect(code(() => requirePartner(dirk, 'ptn-1', 'runs.plan', 'run'))).toBe('run.forbidden');
    expect(code(() => requirePartner(dirk, 'ptn-1', 'devices.manage', 'device'))).toBe('device.forbidden');
    expect(code(() => requirePartner(pia, 'ptn-2', 'shipments.move', 'shipment'))).toBe('shipment.forbidden');
  });

  it('when a person takes new work, then they act for the partner serving that region, and a non-member is refused', () => {
    const both = who(
      'kim',
      { kind: 'partner', partnerId: 'ptn-1', role: 'driver', regions: ['Gelderland'] },
      { kind: 'partner', partnerId: 'ptn-2', role: 'manager', regions: ['Utrecht'] },
    );
    expect(actingPartner(both, 'shipments.claim', 'Utrecht')).toBe('ptn-2');
    expect(actingPartner(both, 'shipments.claim', 'Gelderland')).toBe('ptn-1');
    expect(actingPartner(both, 'runs.plan')).toBe('ptn-2');
    expect(code(() => actingPartner(ben, 'shipments.claim'))).toBe('partner.forbidden');
    expect(partnersOf(both)).toEqual(['ptn-1', 'ptn-2']);
    expect(regionsOf(dirk)).toEqual(['Gelderland', 'Utrecht']);
  });
});

describe('routes: who they are for', () => {
  it('when a route is for farm members, then buyers and partners are refused with auth.forbidden', () => {
    expect(code(() => requireAudience(ben, ['farm']))).toBe('auth.forbidden');
    expect(code(() => requireAudience(pia, ['farm']))).toBe('auth.forbidden');
    expect(code(() => requireAudience(piet, ['farm']))).toBe('allowed');
    // everybody with the buyer membership shops, farmers too
    expect(code(() => requireAudience(anna, ['buyer']))).toBe('allowed');
    expect(code(() => requireAudience(dirk, ['buyer']))).toBe('auth.forbidden');
  });

  it('when something belongs to one person, then only they (or an operator) may act on it', () => {
    expect(code(() => assertOwner(ben, 'ben', 'order'))).toBe('allowed');
    expect(code(() => assertOwner(anna, 'ben', 'order'))).toBe('order.forbidden');
  });
});
