import { useId, useState } from 'react';
import { catalog } from '../../api/catalog';
import { fieldErrors } from '../../api/client';
import type { Listing } from '../../api/types';
import { Photo } from '../../components/bits';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { t } from '../../i18n';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_MB = 5;

/** Why this file cannot be sent, before sending it (the service checks the same and says so too). */
const fileProblem = (file: File): string | null => {
  if (!TYPES.includes(file.type)) return t('photo.type');
  if (file.size > MAX_MB * 1024 * 1024)
    return t('photo.tooBig', { size: (file.size / 1024 / 1024).toFixed(1), max: MAX_MB });
  return null;
};

/** A photo from the farmer's own phone or computer: catalog stores it and serves it at the sizes screens need. */
export const PhotoUpload = ({ listing, onChange }: { listing: Listing; onChange: (l: Listing) => void }) => {
  const id = useId();
  const { busy, error, run } = useAction();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const serviceSays = fieldErrors(error);
  const wrong = problem ?? serviceSays.body ?? serviceSays['headers.content-type'];
  return (
    <section className="card stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('photo.ownTitle')}</h2>
      <Photo
        src={listing.photos[0]}
        alt={t('photo.currentAlt', { title: listing.title })}
        className="thumb"
        sizes="96px"
      />
      <div className="field">
        <label htmlFor={id}>{t('photo.upload')}</label>
        <input
          id={id}
          type="file"
          accept={TYPES.join(',')}
          disabled={busy}
          aria-describedby={`${id}-hint${wrong ? ` ${id}-error` : ''}`}
          aria-invalid={wrong ? true : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            setDone(false);
            if (!file) return;
            const why = fileProblem(file);
            setProblem(why);
            if (why) return;
            void run(async () => {
              const r = await catalog.uploadPhoto(listing.id, file);
              onChange(r.listing);
              setDone(true);
            });
          }}
        />
        {wrong ? (
          <small id={`${id}-error`} className="field-error">
            {wrong}
          </small>
        ) : null}
        <small id={`${id}-hint`} className="hint">
          {t('photo.listingHint', { max: MAX_MB })}
        </small>
      </div>
      <p role="status" className="ok-text">
        {busy ? t('photo.uploading') : done ? t('photo.uploaded') : ''}
      </p>
      {error && !wrong ? <ErrorMessage error={error} /> : null}
    </section>
  );
};
