import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { AsyncState } from '../lib/use-async';
import { Page } from './page';

export const Loading = ({ what = 'Loading' }: { what?: string }) => (
  <p className="state state-loading" role="status" aria-live="polite">
    <span className="spinner" aria-hidden="true" /> {what}…
  </p>
);

export const messageOf = (error: unknown): string => {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your session has expired or is missing: please sign in again.';
    if (error.status === 403) return 'You are not allowed to see this with the account you signed in with.';
    if (error.status === 503 && error.retryAfterSeconds !== undefined)
      return `We are very busy right now and could not take this: nothing was charged or reserved. Please try again in ${error.retryAfterSeconds} seconds.`;
    const fields = error.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
};

export const ErrorMessage = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => (
  <div className="state state-error" role="alert">
    <p>
      <strong>Something went wrong.</strong> {messageOf(error)}
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
