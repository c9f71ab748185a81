/** The listing form's values (text as typed), from and to the listing, and what keeps them from being sent. */
import type { Listing, ListingInput } from '../../api/types';
import { formatMoney, parseAmount, todayIso as today } from '../../lib/format';
import { photoUrl } from '../../lib/photos';
import { t } from '../../i18n';

const newLotCode = () =>
  `LOT-${today().replace(/-/g, '')}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

export interface FormState {
  title: string;
  category: string;
  description: string;
  unit: string;
  price: string;
  photo: string;
  lotCode: string;
  field: string;
  harvestDate: string;
  bestBefore: string;
  lotQuantity: string;
  minC: string;
  maxC: string;
  available: string;
}

export const fromListing = (l: Listing | undefined): FormState => ({
  title: l?.title ?? '',
  category: l?.category ?? 'vegetables',
  description: l?.description ?? '',
  unit: l?.unit ?? 'kg',
  price: l ? (l.unitPrice.amount / 100).toFixed(2) : '',
  photo: l?.photos[0] ?? photoUrl('carrots'),
  lotCode: l?.lot.lotCode ?? newLotCode(),
  field: l?.lot.field ?? '',
  harvestDate: l?.lot.harvestDate ?? today(),
  bestBefore: l?.lot.bestBefore ?? '',
  lotQuantity: l ? String(l.lot.quantity) : '',
  minC: l ? String(l.coldChain.minC) : '2',
  maxC: l ? String(l.coldChain.maxC) : '7',
  available: '',
});

export const toInput = (f: FormState): ListingInput => ({
  title: f.title.trim(),
  category: f.category as ListingInput['category'],
  description: f.description.trim(),
  unit: f.unit as ListingInput['unit'],
  unitPrice: { amount: parseAmount(f.price) ?? 0, currency: 'EUR' },
  photos: f.photo ? [f.photo] : [],
  lot: {
    lotCode: f.lotCode.trim(),
    field: f.field.trim(),
    harvestDate: f.harvestDate,
    quantity: Number(f.lotQuantity),
    ...(f.bestBefore ? { bestBefore: f.bestBefore } : {}),
  },
  coldChain: { minC: Number(f.minC), maxC: Number(f.maxC) },
  available: Number(f.available),
});

/** Why the typed price cannot be used, or null when it can (an empty one is only missing). */
export const priceProblem = (text: string): string | null => {
  const typed = text.trim();
  if (typed === '') return null;
  if (typed.startsWith('-')) return t('listingForm.priceNegative');
  const minor = parseAmount(typed);
  if (minor === null) return t('listingForm.priceWrong');
  if (minor === 0) return t('listingForm.priceZero', { zero: formatMoney({ amount: 0, currency: 'EUR' }) });
  return null;
};

/** What still keeps the form from being sent, in words (the button says why it waits). */
export const missingOf = (f: FormState, creating: boolean): string[] => {
  const missing: string[] = [];
  if (!f.title.trim()) missing.push('a title');
  if (!f.price.trim()) missing.push('a price');
  else if (priceProblem(f.price)) missing.push('a valid price');
  if (creating && f.available.trim() === '') missing.push('the stock to sell');
  if (!f.lotCode.trim()) missing.push('a lot code');
  if (!f.field.trim()) missing.push('the field');
  if (!f.lotQuantity.trim()) missing.push('the lot size');
  if (f.minC !== '' && f.maxC !== '' && Number(f.minC) > Number(f.maxC))
    missing.push('a cold-chain range whose minimum is not above its maximum');
  return missing;
};
