import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a code read out over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE = /^FTT-[0-9A-HJKMNP-TV-Z]{12}$/;

/** 'FTT-' + 12 base32 characters = 60 random bits from the OS CSPRNG: public, so it must not be guessable. */
export const newTrackingCode = (): string => {
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  return `FTT-${out}`;
};

/** Derived, not random: a redelivered order.confirmed maps to the same _id and so inserts nothing. */
export const shipmentIdFor = (orderId: string, farmId: string): string =>
  `shp-${createHash('sha256').update(`${orderId}\u0000${farmId}`).digest('hex').slice(0, 32)}`;
