import { useState } from 'react';
import { ApiError } from '../../api/client';
import { identity } from '../../api/identity';
import { Page } from '../../components/page';
import { forgetIdentity } from '../../lib/identity-session';
import { AccountFormProblem, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { Form, SubmitButton } from '../../components/form';
import { NoticePage } from './notice-page';
import { t } from '../../i18n';

const LinkRefused = () => (
  <NoticePage title={t('link.refused')} lead={t('reset.expired')} next={{ to: '/forgot', label: t('reset.askNew') }} />
);

/** A refusal that is about the link, not the password typed: identity names no field of the form. */
const aboutTheLink = (e: unknown): boolean =>
  e instanceof ApiError && e.status === 400 && !e.issues.some((i) => i.field === 'body.newPassword');

/**
 * /reset?token=…: the link in a password reset mail. A new password (the link works once, until it expires); every
 * session of the account ends, this browser's too, so the person signs in again with it.
 */
export const ResetScreen = ({ token }: { token: string | null }) => {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const f = useAccountForm();
  if (!token || aboutTheLink(f.error)) return <LinkRefused />;
  if (done) {
    return (
      <NoticePage
        title={t('reset.changed')}
        lead={t('reset.changedText')}
        next={{ to: '/account', label: t('shell.signIn') }}
      />
    );
  }
  const submit = () => {
    void f.run(async () => {
      await identity.resetPassword(token, password);
      forgetIdentity();
      setDone(true);
    });
  };
  return (
    <Page title={t('reset.title')}>
      <Form ref={f.form} className="card form stack narrow" onSubmit={submit}>
        <PasswordField
          label={t('field.newPassword')}
          autoComplete="new-password"
          hint={passwordRule()}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f.fields.newPassword}
        />
        <AccountFormProblem form={f} />
        <SubmitButton busy={f.busy}>
          {t('reset.save')}
        </SubmitButton>
      </Form>
    </Page>
  );
};
