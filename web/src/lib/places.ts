import type { Membership } from '../api/types';
import type { MessageId } from '../i18n';

/** A part of the app a person may go to, by what they are a member of. */
export interface Place {
  id: 'shop' | 'farm' | 'deliveries' | 'back-office';
  /** its name in the catalogs */
  label: MessageId;
  to: string;
}

/**
 * The places a person's memberships open, in a fixed order: everyone shops; a farm member (owner or packer) has
 * their farm (or farms), a partner's manager or driver their deliveries, an operator the back office.
 */
export const placesOf = (memberships: readonly Membership[]): Place[] => {
  const farms = memberships.filter((m) => m.kind === 'farm').length;
  const places: Place[] = [{ id: 'shop', label: 'places.shop', to: '/' }];
  if (farms > 0) places.push({ id: 'farm', label: farms > 1 ? 'places.myFarms' : 'places.myFarm', to: '/farmer' });
  if (memberships.some((m) => m.kind === 'partner'))
    places.push({ id: 'deliveries', label: 'places.myDeliveries', to: '/partner' });
  if (memberships.some((m) => m.kind === 'operator'))
    places.push({ id: 'back-office', label: 'places.backOffice', to: '/admin' });
  return places;
};

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The place an address belongs to; the account pages and anything else count as the shop's. */
export const placeOfPath = (path: string): Place['id'] =>
  under(path, '/farmer')
    ? 'farm'
    : under(path, '/partner')
      ? 'deliveries'
      : under(path, '/admin')
        ? 'back-office'
        : 'shop';
