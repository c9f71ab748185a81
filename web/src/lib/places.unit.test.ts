import { describe, expect, it } from 'vitest';
import { t } from '../i18n';
import { placeOfPath, placesOf } from './places';

describe('the places a person may go', () => {
  it('when a person only shops, then the shop is the one place', () => {
    expect(placesOf([{ kind: 'buyer' }]).map((p) => t(p.label))).toEqual(['Shop']);
  });

  it('when a person is a member of two farms, a partner and an operator, then each kind of place is listed once, in order', () => {
    const places = placesOf([
      { kind: 'operator' },
      { kind: 'partner', partnerId: 'p1', role: 'driver', regions: ['Gelderland'] },
      { kind: 'farm', farmId: 'f1', role: 'owner' },
      { kind: 'farm', farmId: 'f2', role: 'packer' },
      { kind: 'buyer' },
    ]);
    expect(places.map((p) => ({ ...p, label: t(p.label) }))).toEqual([
      { id: 'shop', label: 'Shop', to: '/' },
      { id: 'farm', label: 'My farms', to: '/farmer' },
      { id: 'deliveries', label: 'My deliveries', to: '/partner' },
      { id: 'back-office', label: 'Back office', to: '/admin' },
    ]);
  });

  it('when the address is under a place, then that place is the current one; the rest is the shop', () => {
    expect(placeOfPath('/farmer/orders')).toBe('farm');
    expect(placeOfPath('/partner')).toBe('deliveries');
    expect(placeOfPath('/admin/dead-letters')).toBe('back-office');
    expect(placeOfPath('/farmers-market')).toBe('shop');
    expect(placeOfPath('/account')).toBe('shop');
  });
});
