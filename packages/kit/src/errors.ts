/**
 * Errors carry a meaning, not an HTTP status. Services define their own DomainError codes
 * ('order.not_found', 'listing.invalid_transition'); the suffix after the last dot is the meaning
 * that the one error handler (http/error-handler.ts) maps to a status.
 */
export type ErrorMeaning =
  | 'not_found'
  | 'invalid_transition'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid'
  | 'unprocessable'
  | 'unavailable';

export interface FieldIssue {
  field: string;
  message: string;
}

/** Base class usable by any layer that may import the kit; domain code may define a look-alike. */
export class AppError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: `${string}.${ErrorMeaning}` | ErrorMeaning,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export const meaningOf = (code: string): string => code.slice(code.lastIndexOf('.') + 1);

/** A duck-typed check so that domain code can throw its own DomainError without importing the kit. */
export const isDomainError = (err: unknown): err is Error & { code: string; issues?: FieldIssue[] } =>
  err instanceof Error && err.name === 'DomainError' && typeof (err as { code?: unknown }).code === 'string';
