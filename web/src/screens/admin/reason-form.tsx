import { useState, type ReactNode } from 'react';
import { Field } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { Form } from '../../components/form';
import { t } from '../../i18n';

/**
 * An operator's action: it always asks why (the services refuse it without a reason of 3 to 500 characters and
 * keep the reason in their audit trail), then runs it; `children` adds fields of its own (an amount).
 */
export const ReasonForm = ({
  label,
  submit,
  onDone,
  danger,
  children,
  reasonLabel = t('reasonForm.label'),
}: {
  label: string;
  submit: (reason: string) => Promise<unknown>;
  onDone: () => void;
  danger?: boolean;
  children?: ReactNode;
  reasonLabel?: string;
}) => {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const tooShort = reason.trim().length < 3;
  return (
    <Form
      className="stack"
      onSubmit={() => {
        setTried(true);
        if (tooShort) return;
        void run(() => submit(reason.trim())).then((ok) => {
          if (ok) {
            setReason('');
            onDone();
          }
        });
      }}
    >
      {children}
      <Field
        label={reasonLabel}
        value={reason}
        maxLength={500}
        minLength={3}
        required
        onChange={(e) => setReason(e.target.value)}
        hint={t('reasonForm.hint')}
        error={tried && tooShort ? t('reasonForm.tooShort') : undefined}
      />
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <button type="submit" className={`button ${danger ? 'danger' : 'secondary'}`} disabled={busy} aria-busy={busy}>
          {label}
        </button>
      </div>
    </Form>
  );
};
