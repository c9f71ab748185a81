import { useEffect, useId, useState } from 'react';
import { dropPhotos } from '../../api/drop-photos';
import { fieldErrors } from '../../api/client';
import { useAction } from '../../lib/use-action';
import { t } from '../../i18n';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_MB = 5;

const fileProblem = (file: File): string | null => {
  if (!TYPES.includes(file.type)) return t('dropPhoto.type');
  if (file.size > MAX_MB * 1024 * 1024)
    return t('dropPhoto.tooBig', { mb: (file.size / 1024 / 1024).toFixed(1), max: MAX_MB });
  return null;
};

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
  const id = useId();
  const act = useAction();
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  const service = fieldErrors(act.error);
  const said =
    problem ?? service.body ?? service['headers.content-type'] ?? (act.error ? t('dropPhoto.notSent') : null);
  // logistics refuses an image cut short (a photo that did not finish saving or uploading) with a 400
  const wrong = said && /incomplete or unreadable/i.test(said) ? t('dropPhoto.damaged') : said;
  return (
    <div className="field drop-photo">
      <label htmlFor={id}>{t('dropPhoto.label')}</label>
      <input
        id={id}
        type="file"
        accept={TYPES.join(',')}
        capture="environment"
        disabled={act.busy}
        aria-invalid={wrong ? true : undefined}
        aria-describedby={`${id}-hint${wrong ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          onPhoto(null);
          setPreview(null);
          if (!file) return;
          const why = fileProblem(file);
          setProblem(why);
          if (why) return;
          void act.run(async () => {
            const photo = await dropPhotos.upload(runId, seq, file);
            setPreview(URL.createObjectURL(file));
            onPhoto(photo.id);
          });
        }}
      />
      {wrong ? (
        <small id={`${id}-error`} className="field-error">
          {wrong}
        </small>
      ) : null}
      <small id={`${id}-hint`} className="hint">
        {t('dropPhoto.hint', { max: MAX_MB })}
      </small>
      <p role="status" className="small ok-text">
        {act.busy ? t('dropPhoto.sending') : preview ? t('dropPhoto.kept') : ''}
      </p>
      {preview ? <img className="drop-photo-preview" src={preview} alt={t('dropPhoto.alt')} /> : null}
    </div>
  );
};
