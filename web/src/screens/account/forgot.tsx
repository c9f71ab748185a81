import { useState } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { AccountFormProblem, EmailField, useAccountForm } from './form-bits';
import { Form, SubmitButton } from '../../components/form';
import { NoticePage } from './notice-page';
import { t, tx } from '../../i18n';

const EMAIL = limitOf('PasswordResetRequest', 'email');

/**
 * /forgot: a reset link by mail. identity gives the same answer for a known and an unknown address, and so does this
 * page: it says what happens if the address has an account.
 */
export const ForgotScreen = () => {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const f = useAccountForm();
  const submit = () => {
    const address = email.trim();
    void f.run(async () => {
      await identity.requestReset(address);
      setSentTo(address);
    });
  };
  if (sentTo) {
    return (
      <NoticePage
        title={t('mail.check')}
        lead={tx('forgot.sent', { email: <strong className="breakable">{sentTo}</strong> })}
      >
        <p className="muted">
          {tx('forgot.noMail', {
            again: (c) => (
              <button type="button" className="button link inline-link" onClick={() => setSentTo(null)}>
                {c}
              </button>
            ),
          })}
        </p>
      </NoticePage>
    );
  }
  return (
    <Page title={t('signIn.forgot')} intro={t('forgot.intro')}>
      <Form ref={f.form} className="card form stack narrow" onSubmit={submit}>
        <EmailField
          label={t('field.email')}
          value={email}
          onChange={setEmail}
          error={f.fields.email}
          maxLength={EMAIL.maxLength}
        />
        <AccountFormProblem form={f} />
        <SubmitButton busy={f.busy}>
          {t('forgot.send')}
        </SubmitButton>
        <p className="muted small">
          {tx('forgot.remembered', { link: (c) => <Link to="/account">{c}</Link> })}
        </p>
      </Form>
    </Page>
  );
};
