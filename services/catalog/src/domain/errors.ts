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

/** Errors carry a meaning ('listing.invalid_transition'); the kit's one error handler maps it to HTTP. */
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
