import { useId, useState } from 'react';
import { uploadFarmPhoto } from '../../api/farm-photo';
import type { Farm } from '../../api/types';
import { FarmPhoto } from '../../components/farm-facts';
import { PHOTO_MAX_MB, PhotoFileField, usePhotoUpload } from '../../components/photo-field';
import { ErrorMessage } from '../../components/states';
import { t } from '../../i18n';

/** The farm's photo, from the farmer's phone or computer: buyers see it on the farm's page and every listing's page. */
export const FarmPhotoUpload = ({ farm, onChange }: { farm: Farm; onChange: (f: Farm) => void }) => {
  const id = useId();
  const photo = usePhotoUpload({
    type: t('photo.type'),
    tooBig: (size) => t('photo.tooBig', { size, max: PHOTO_MAX_MB }),
    damaged: t('photo.damaged'),
  });
  const [done, setDone] = useState(false);
  return (
    <section className="card stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('photo.farmTitle')}</h2>
      {farm.photo ? <FarmPhoto farm={farm} /> : <p className="muted small">{t('photo.farmNone')}</p>}
      <PhotoFileField
        photo={photo}
        label={farm.photo ? t('photo.farmReplace') : t('photo.farmUpload')}
        hint={t('photo.farmHint', { max: PHOTO_MAX_MB })}
        onPick={() => setDone(false)}
        upload={async (file) => {
          const r = await uploadFarmPhoto(farm.id, file);
          onChange(r.farm);
          setDone(true);
        }}
      />
      <p role="status" className="ok-text">
        {photo.busy ? t('photo.uploading') : done ? t('photo.farmSaved') : ''}
      </p>
      {photo.error && !photo.wrong ? <ErrorMessage error={photo.error} /> : null}
    </section>
  );
};
