/**
 * Errors carry a meaning, not an HTTP status. Codes are '<thing>.<meaning>' ('order.not_found',
 * 'listing.invalid_transition'); the one error handler (http/error-handler.ts) maps the meaning to a status.
 * Domain code throws these only for what a caller must be told; expected outcomes of a decision are values
 * (see outcome.ts).
 */
export type ErrorMeaning =
  | 'not_found'
  | 'invalid_transition'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid'
  | 'unprocessable'
  | 'unavailable'
  /** An upload past its size limit. */
  | 'too_large'
  /** An upload of a media type the route does not take. */
  | 'unsupported'
  /** Too many attempts (sign-in, sign-up) from one client: try again after `retryAfterSeconds`. */
  | 'rate_limited';

export interface FieldIssue {
  field: string;
  message: string;
}

export type ErrorCode = `${string}.${ErrorMeaning}` | ErrorMeaning;

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** For 'unavailable' and 'rate_limited': when the caller may try again (HTTP Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const meaningOf = (code: string): string => code.slice(code.lastIndexOf('.') + 1);

export const isDomainError = (err: unknown): err is DomainError =>
  err instanceof Error && err.name === 'DomainError' && typeof (err as { code?: unknown }).code === 'string';

export const isDomainErrorWith = (err: unknown, meaning: ErrorMeaning): err is DomainError =>
  isDomainError(err) && meaningOf(err.code) === meaning;
