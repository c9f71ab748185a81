import { useId, useState, type ReactNode } from 'react';
import { fieldErrors } from '../api/client';
import { useAction } from '../lib/use-action';

/** The photo types and size the services take (catalog's and logistics' photo routes check the same). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PHOTO_MAX_MB = 5;

/** What a photo field says, in its screen's words. */
export interface PhotoWords {
  /** Not a JPEG, PNG or WebP file. */
  type: string;
  /** Larger than PHOTO_MAX_MB; `mb` is the file's size in megabytes, one decimal. */
  tooBig: (mb: string) => string;
  /** The service found the image cut short (a photo that did not finish saving or uploading). */
  damaged?: string;
  /** The upload failed and the service named no field. */
  notSent?: string;
}

/** Why this file cannot be sent, before sending it (the service checks the same and says so too). */
const fileProblem = (file: File, words: PhotoWords): string | null => {
  if (!PHOTO_TYPES.includes(file.type)) return words.type;
  if (file.size > PHOTO_MAX_MB * 1024 * 1024) return words.tooBig((file.size / 1024 / 1024).toFixed(1));
  return null;
};

/**
 * A photo upload: the file is checked here, then sent; `wrong` is what is wrong with it (this check or the service's
 * answer), shown under the field by PhotoFileField.
 */
export const usePhotoUpload = (words: PhotoWords) => {
  const act = useAction();
  const [problem, setProblem] = useState<string | null>(null);
  const service = fieldErrors(act.error);
  const said =
    problem ?? service.body ?? service['headers.content-type'] ?? (act.error && words.notSent ? words.notSent : null);
  // the services refuse an image cut short with a 400
  const wrong = said && words.damaged && /incomplete or unreadable/i.test(said) ? words.damaged : said;
  const send = (file: File, upload: (file: File) => Promise<void>) => {
    const why = fileProblem(file, words);
    setProblem(why);
    if (!why) void act.run(() => upload(file));
  };
  return { busy: act.busy, error: act.error, wrong, send };
};

/**
 * The labelled file input of a photo upload, its error and hint: `onPick` runs on every change (before the file is
 * checked), `upload` sends a file that passed the check. `children` go after the hint, inside the field.
 */
export const PhotoFileField = ({
  photo,
  label,
  hint,
  className = 'field',
  capture,
  onPick,
  upload,
  children,
}: {
  photo: ReturnType<typeof usePhotoUpload>;
  label: string;
  hint: string;
  className?: string;
  capture?: 'environment';
  onPick: () => void;
  upload: (file: File) => Promise<void>;
  children?: ReactNode;
}) => {
  const id = useId();
  const { wrong } = photo;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        {...(capture ? { capture } : {})}
        disabled={photo.busy}
        aria-describedby={`${id}-hint${wrong ? ` ${id}-error` : ''}`}
        aria-invalid={wrong ? true : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          onPick();
          if (file) photo.send(file, upload);
        }}
      />
      {wrong ? (
        <small id={`${id}-error`} className="field-error">
          {wrong}
        </small>
      ) : null}
      <small id={`${id}-hint`} className="hint">
        {hint}
      </small>
      {children}
    </div>
  );
};
