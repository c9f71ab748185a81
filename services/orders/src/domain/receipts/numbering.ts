/**
 * Document numbers per seller and period (issue #33): a receipt, invoice or credit note gets the next number of its
 * seller in its period, with no gap and no repeat (the tax authorities' rule), e.g. `FARM-A-2026-12-00017`.
 */
export const periodOf = (at: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    timeZone,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}`;
};

export const documentNumber = (sellerCode: string, period: string, n: number): string =>
  `${sellerCode.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}-${period}-${String(n).padStart(5, '0')}`;

/** The store that hands out the numbers (data/document-numbers.ts). */
export interface DocumentNumbers {
  /** The number of `documentId` in the seller's period: the next one the first time, the same one ever after. */
  numberFor(sellerId: string, period: string, documentId: string): Promise<number>;
}
