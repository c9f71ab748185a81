import { catalog } from '../../api/catalog';
import type { Listing } from '../../api/types';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { t } from '../../i18n';

/** Publish a draft or paused listing, pause a live one. */
export const StatusActions = ({
  listing,
  onChange,
}: {
  listing: Listing;
  onChange: (l: Listing) => void;
}) => {
  const { busy, error, run } = useAction();
  const act = (action: 'publish' | 'pause') =>
    run(async () => {
      onChange(await catalog.transition(listing.id, action));
    });
  return (
    <>
      {listing.status === 'draft' || listing.status === 'paused' ? (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void act('publish')}
          aria-label={t(listing.status === 'paused' ? 'listingStatus.resumeAria' : 'listingStatus.publishAria', { title: listing.title })}
        >
          {listing.status === 'paused' ? t('listingStatus.resume') : t('listingStatus.publish')}
        </button>
      ) : null}
      {listing.status === 'published' ? (
        <button
          type="button"
          className="button small secondary"
          disabled={busy}
          onClick={() => void act('pause')}
          aria-label={t('listingStatus.pauseAria', { title: listing.title })}
        >
          Pause
        </button>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
};
