import { ErrorMessage } from './states';
import { t } from '../i18n';

/** The end of a paged list: a button for the next (older) page while there is one, and its error if it failed. */
export const ShowMore = ({
  next,
  busy,
  error,
  onMore,
  label = t('action.showMore'),
}: {
  next: string | null;
  busy: boolean;
  error: unknown;
  onMore: () => void;
  label?: string;
}) => (
  <>
    {error ? <ErrorMessage error={error} onRetry={onMore} /> : null}
    {next ? (
      <button type="button" className="button secondary" onClick={onMore} disabled={busy} aria-busy={busy}>
        {busy ? t('action.loadingMore') : label}
      </button>
    ) : null}
  </>
);
