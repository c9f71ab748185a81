import type { DataOf, Money } from '../src/domain/notice';

export const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

/** A farmer's payout notice: `amount` transferred of `gross` sold, less `platformFee` (minor units, EUR). */
export const payoutMade = (
  p: { orderId: string; farmId: string },
  amount: number,
  gross: number,
  platformFee: number,
): DataOf<'payout_made'> => ({
  kind: 'payout_made',
  ...p,
  amount: eur(amount),
  gross: eur(gross),
  platformFee: eur(platformFee),
});
