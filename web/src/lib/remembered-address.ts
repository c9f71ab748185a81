import type { Address } from '../api/types';

/** The delivery details a buyer used last, per user on this browser, to fill the checkout form next time. */
export interface RememberedDelivery {
  name: string;
  phone: string;
  address: Address;
}

const keyOf = (userId: string) => `ftt.delivery.${userId}`;

export const rememberedDelivery = (userId: string): RememberedDelivery | null => {
  try {
    const d = JSON.parse(localStorage.getItem(keyOf(userId)) ?? 'null') as RememberedDelivery | null;
    return d && typeof d.name === 'string' && d.address && typeof d.address.line1 === 'string' ? d : null;
  } catch {
    return null;
  }
};

export const rememberDelivery = (userId: string, d: RememberedDelivery): void =>
  localStorage.setItem(keyOf(userId), JSON.stringify(d));
