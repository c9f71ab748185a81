/** A field that made a command invalid, so the HTTP layer can name it in the problem document. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type ErrorMeaning =
  | 'not_found'
  | 'invalid_transition'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid'
  | 'unprocessable'
  | 'unavailable';

/**
 * Errors carry a meaning ('shipment.invalid_transition'), never an HTTP status: the kit's one error
 * handler maps the meaning after the last dot. Duck-typed by name so the domain needs no kit import.
 */
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
