import type { ReactNode } from 'react';
import { ApiError, formField, humanIssue } from '../api/client';
import type { AsyncState } from '../lib/use-async';
import { Page } from './page';

export const Loading = ({ what = 'Loading' }: { what?: string }) => (
  <p className="state state-loading" role="status" aria-live="polite">
    <span className="spinner" aria-hidden="true" /> {what}…
  </p>
);

/** `contact.name` -> "Name", `lines.0.quantity` -> "Quantity (line 1)": a field path in words. */
const fieldLabel = (field: string): string => {
  const parts = field.split('.');
  const last = parts.filter((p) => !/^\d+$/.test(p)).pop() ?? field;
  const index = parts.find((p) => /^\d+$/.test(p));
  const words = last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/C$/, ' (°C)')
    .toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${index !== undefined ? ` (line ${Number(index) + 1})` : ''}`;
};

/** What went wrong in words for people; `shown` names the fields whose messages the form shows next to them. */
export const messageOf = (error: unknown, shown?: string[]): string => {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your session has expired or is missing: please sign in again.';
    if (error.status === 403) return 'You are not allowed to see this with the account you signed in with.';
    if (error.status === 503 && error.retryAfterSeconds !== undefined)
      return `We are very busy right now and could not take this: nothing was charged or reserved. Please try again in ${error.retryAfterSeconds} seconds.`;
    if (error.status === 404) return 'We could not find this. It may have been removed.';
    if (error.status >= 500 || error.status === 0)
      return 'The service is not answering right now. Please try again shortly.';
    if (error.issues.length) {
      const rest = error.issues.filter((i) => !shown?.includes(formField(i.field)));
      if (rest.length === 0) return 'Please correct the fields marked above.';
      return rest.map((i) => `${fieldLabel(formField(i.field))}: ${humanIssue(i.message)}`).join(' ');
    }
    return humanIssue(error.message);
  }
  return error instanceof Error ? error.message : String(error);
};

/** A request the service refused for what it said (a field, a state) is not "something went wrong". */
const REFUSED = [400, 409, 413, 415, 422];
const headline = (error: unknown): string =>
  error instanceof ApiError && REFUSED.includes(error.status)
    ? 'That did not work.'
    : 'Something went wrong.';

export const ErrorMessage = ({
  error,
  onRetry,
  shown,
}: {
  error: unknown;
  onRetry?: () => void;
  /** The fields the form shows their own message next to (fieldErrors' keys). */
  shown?: string[];
}) => (
  <div className="state state-error" role="alert">
    <p>
      <strong>{headline(error)}</strong> {messageOf(error, shown)}
    </p>
    {onRetry ? (
      <button type="button" className="button secondary" onClick={onRetry}>
        Try again
      </button>
    ) : null}
  </div>
);

export const Empty = ({ children }: { children: ReactNode }) => (
  <div className="state state-empty">{children}</div>
);

/**
 * Renders the loading and error states of a load, and the content once it is ready. A screen whose
 * title comes from the data passes `page`: its loading and error states still get a page heading.
 */
export const Async = <T,>({
  state,
  what,
  page,
  children,
}: {
  state: AsyncState<T> & { reload: () => void };
  what?: string;
  page?: string;
  children: (data: T) => ReactNode;
}) => {
  if (state.status === 'ready') return <>{children(state.data)}</>;
  const shown =
    state.status === 'loading' ? (
      <Loading {...(what ? { what } : {})} />
    ) : (
      <ErrorMessage error={state.error} onRetry={state.reload} />
    );
  return page ? <Page title={page}>{shown}</Page> : shown;
};
