import { useEffect, useState } from 'react';
import { dropPhotos } from '../../api/drop-photos';
import { PHOTO_MAX_MB, PhotoFileField, usePhotoUpload } from '../../components/photo-field';
import { t } from '../../i18n';

/**
 * The drop's photo (proof of delivery): the phone's camera (or a file), sent to logistics at once, shown as it was
 * taken; `onPhoto` gets its id for the drop (null while none is kept).
 */
export const DropPhotoField = ({
  runId,
  seq,
  onPhoto,
}: {
  runId: string;
  seq: number;
  onPhoto: (photoId: string | null) => void;
}) => {
  const photo = usePhotoUpload({
    type: t('dropPhoto.type'),
    tooBig: (mb) => t('dropPhoto.tooBig', { mb, max: PHOTO_MAX_MB }),
    damaged: t('dropPhoto.damaged'),
    notSent: t('dropPhoto.notSent'),
  });
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  return (
    <PhotoFileField
      photo={photo}
      className="field drop-photo"
      capture="environment"
      label={t('dropPhoto.label')}
      hint={t('dropPhoto.hint', { max: PHOTO_MAX_MB })}
      onPick={() => {
        onPhoto(null);
        setPreview(null);
      }}
      upload={async (file) => {
        const uploaded = await dropPhotos.upload(runId, seq, file);
        setPreview(URL.createObjectURL(file));
        onPhoto(uploaded.id);
      }}
    >
      <p role="status" className="small ok-text">
        {photo.busy ? t('dropPhoto.sending') : preview ? t('dropPhoto.kept') : ''}
      </p>
      {preview ? <img className="drop-photo-preview" src={preview} alt={t('dropPhoto.alt')} /> : null}
    </PhotoFileField>
  );
};
