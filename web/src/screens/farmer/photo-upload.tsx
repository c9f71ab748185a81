import { useId, useState } from 'react';
import { catalog } from '../../api/catalog';
import type { Listing } from '../../api/types';
import { Photo } from '../../components/bits';
import { PHOTO_MAX_MB, PhotoFileField, usePhotoUpload } from '../../components/photo-field';
import { ErrorMessage } from '../../components/states';
import { t } from '../../i18n';

/** A photo from the farmer's own phone or computer: catalog stores it and serves it at the sizes screens need. */
export const PhotoUpload = ({ listing, onChange }: { listing: Listing; onChange: (l: Listing) => void }) => {
  const id = useId();
  const photo = usePhotoUpload({
    type: t('photo.type'),
    tooBig: (size) => t('photo.tooBig', { size, max: PHOTO_MAX_MB }),
  });
  const [done, setDone] = useState(false);
  return (
    <section className="card stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('photo.ownTitle')}</h2>
      <Photo
        src={listing.photos[0]}
        alt={t('photo.currentAlt', { title: listing.title })}
        className="thumb"
        sizes="96px"
      />
      <PhotoFileField
        photo={photo}
        label={t('photo.upload')}
        hint={t('photo.listingHint', { max: PHOTO_MAX_MB })}
        onPick={() => setDone(false)}
        upload={async (file) => {
          const r = await catalog.uploadPhoto(listing.id, file);
          onChange(r.listing);
          setDone(true);
        }}
      />
      <p role="status" className="ok-text">
        {photo.busy ? t('photo.uploading') : done ? t('photo.uploaded') : ''}
      </p>
      {photo.error && !photo.wrong ? <ErrorMessage error={photo.error} /> : null}
    </section>
  );
};
