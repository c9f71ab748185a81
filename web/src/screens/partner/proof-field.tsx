import { useId, useState } from 'react';
import { Field } from '../../components/field';
import { t } from '../../i18n';

const hashOf = async (file: File): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/**
 * The proof reference: typed (a signature or note code) or taken from a photo. The API stores a
 * reference, not the photo, so a photo becomes "photo:sha256:<first 16 hex>" of its bytes.
 */
export const ProofField = ({ value, onChange }: { value: string; onChange: (v: string) => void }) => {
  const id = useId();
  const [hashing, setHashing] = useState(false);
  return (
    <div className="stack">
      <Field
        label={t('proof.reference')}
        required
        maxLength={200}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        hint={t('proof.hint')}
      />
      <div className="field">
        <label htmlFor={id}>{t('proof.photo')}</label>
        <input
          id={id}
          type="file"
          accept="image/*"
          capture="environment"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setHashing(true);
            onChange(`photo:sha256:${(await hashOf(file)).slice(0, 16)}`);
            setHashing(false);
          }}
        />
        {hashing ? <small role="status">{t('proof.reading')}</small> : null}
      </div>
    </div>
  );
};
