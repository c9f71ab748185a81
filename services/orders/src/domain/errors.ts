/**
 * Errors with a meaning, never an HTTP status: the kit's one error handler maps the suffix of the
 * code (not_found, invalid_transition, ...) to a status. Duck-typed by name so domain code does not
 * import the kit.
 */
export type ErrorMeaning =
  | 'not_found'
  | 'invalid_transition'
  | 'conflict'
  | 'forbidden'
  | 'invalid'
  | 'unprocessable'
  | 'unavailable';

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: `${string}.${ErrorMeaning}`,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export const isDomainErrorWith = (err: unknown, meaning: ErrorMeaning): err is DomainError =>
  err instanceof Error &&
  err.name === 'DomainError' &&
  typeof (err as { code?: unknown }).code === 'string' &&
  (err as unknown as { code: string }).code.endsWith(`.${meaning}`);
