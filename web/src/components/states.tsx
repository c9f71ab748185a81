import type { ReactNode } from 'react';
import { ApiError, formField, humanIssue } from '../api/client';
import type { AsyncState } from '../lib/use-async';
import { Page } from './page';
import { intl, t, type MessageId } from '../i18n';

export const Loading = ({ what = t('state.loading') }: { what?: string }) => (
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
  const name = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return index !== undefined ? t('state.fieldLine', { name, line: Number(index) + 1 }) : name;
};

/**
 * A problem the services send, in the person's language: the catalog's `problem.<code>` when the web knows the
 * code (issue #31), else undefined (the caller shows the service's own text).
 */
export const problemText = (code: string | undefined): string | undefined =>
  code && `problem.${code}` in intl().messages ? t(`problem.${code}` as MessageId) : undefined;

/** What went wrong in words for people; `shown` names the fields whose messages the form shows next to them. */
export const messageOf = (error: unknown, shown?: string[]): string => {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('error.401');
    if (error.status === 503 && error.retryAfterSeconds !== undefined)
      return t('error.busy', { seconds: error.retryAfterSeconds });
    // a known code says more than the status (a field's problem is said next to its field, below)
    const known = error.issues.length === 0 ? problemText(error.code) : undefined;
    if (known) return known;
    if (error.status === 403) return t('error.403');
    if (error.status === 404) return t('error.404');
    if (error.status >= 500 || error.status === 0) return t('error.unavailable');
    if (error.issues.length) {
      const rest = error.issues.filter((i) => !shown?.includes(formField(i.field)));
      if (rest.length === 0) return t('error.fieldsAbove');
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
    ? t('error.refused')
    : t('error.wrong');

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
        {t('action.tryAgain')}
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
