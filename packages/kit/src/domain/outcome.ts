import type { ErrorCode, FieldIssue } from './errors';

/**
 * What a decider returns, as a value: a change (the new state and the events it causes), an ignore (a late or
 * duplicate event, a step already taken: nothing to do, and not an error), or a rejection (the caller asked for
 * something the state does not allow; the command handler turns it into a DomainError for the caller).
 * Deciders throw only for bugs.
 */
export type Outcome<S, E> =
  | { kind: 'change'; state: S; events: E[] }
  | { kind: 'ignore'; reason: string }
  | { kind: 'reject'; code: ErrorCode; message: string; issues?: FieldIssue[] };

export const change = <S, E>(state: S, events: E[] = []): Outcome<S, E> => ({
  kind: 'change',
  state,
  events,
});
export const ignore = (reason: string): Outcome<never, never> => ({ kind: 'ignore', reason });
export const reject = (code: ErrorCode, message: string, issues?: FieldIssue[]): Outcome<never, never> => ({
  kind: 'reject',
  code,
  message,
  ...(issues ? { issues } : {}),
});
