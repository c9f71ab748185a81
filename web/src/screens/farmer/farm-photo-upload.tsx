import { useId, useState } from 'react';
import { fieldErrors } from '../../api/client';
import { uploadFarmPhoto } from '../../api/farm-photo';
import type { Farm } from '../../api/types';
import { Photo } from '../../components/bits';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { t } from '../../i18n';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_MB = 5;

const fileProblem = (file: File): string | null => {
  if (!TYPES.includes(file.type)) return t('photo.type');
  if (file.size > MAX_MB * 1024 * 1024)
    return t('photo.tooBig', { size: (file.size / 1024 / 1024).toFixed(1), max: MAX_MB });
  return null;
};

/** The farm's photo, from the farmer's phone or computer: buyers see it on the farm's page and every listing's page. */
export const FarmPhotoUpload = ({ farm, onChange }: { farm: Farm; onChange: (f: Farm) => void }) => {
  const id = useId();
  const { busy, error, run } = useAction();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const said = fieldErrors(error);
  const raw = problem ?? said.body ?? said['headers.content-type'];
  const wrong =
    raw && /incomplete or unreadable/i.test(raw)
      ? t('photo.damaged')
      : raw;
  return (
    <section className="card stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('photo.farmTitle')}</h2>
      {farm.photo ? (
        <Photo
          src={farm.photo}
          alt={t('farm.photoAlt', { farm: farm.name })}
          className="farm-photo"
          sizes="(min-width: 700px) 400px, 100vw"
        />
      ) : (
        <p className="muted small">{t('photo.farmNone')}</p>
      )}
      <div className="field">
        <label htmlFor={id}>{farm.photo ? t('photo.farmReplace') : t('photo.farmUpload')}</label>
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
              const r = await uploadFarmPhoto(farm.id, file);
              onChange(r.farm);
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
          {t('photo.farmHint', { max: MAX_MB })}
        </small>
      </div>
      <p role="status" className="ok-text">
        {busy ? t('photo.uploading') : done ? t('photo.farmSaved') : ''}
      </p>
      {error && !wrong ? <ErrorMessage error={error} /> : null}
    </section>
  );
};
