import { useState } from 'react';
import { identity } from '../../api/identity';
import { AccountFormProblem, Done, EmailField, useAccountForm } from './form-bits';
import { Form, SubmitButton } from '../../components/form';
import { t, tx } from '../../i18n';

/**
 * "Send a new link": a new verification mail for an address that is not confirmed yet. identity answers every
 * address alike, so the page can only say what happens if the address waits for one. Without `email` the person
 * types it (the link they opened did not say whose it was).
 */
export const ResendLink = ({ email: known }: { email?: string }) => {
  const [email, setEmail] = useState(known ?? '');
  const [sent, setSent] = useState<string | null>(null);
  const f = useAccountForm();
  const submit = () => {
    const address = email.trim();
    setSent(null);
    void f.run(async () => {
      await identity.resendVerification(address);
      setSent(address);
    });
  };
  return (
    <Form ref={f.form} className="stack" onSubmit={submit} aria-label={t('resend.send')}>
      {known ? (
        <p className="muted">{t('resend.noMail')}</p>
      ) : (
        <EmailField
          label={t('field.yourEmail')}
          value={email}
          onChange={setEmail}
          error={f.fields.email}
        />
      )}
      <AccountFormProblem form={f} />
      {sent ? (
        <Done>
          <p>{tx('resend.sent', { email: <strong className="breakable">{sent}</strong> })}</p>
        </Done>
      ) : null}
      <SubmitButton busy={f.busy} className="button secondary">
        {t('resend.send')}
      </SubmitButton>
    </Form>
  );
};
