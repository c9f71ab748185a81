import { useState } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import type { AccountLanguage } from '../../api/types';
import { Field, limitProps } from '../../components/field';
import { Form, SubmitButton } from '../../components/form';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { AccountFormProblem, EmailField, LanguageField, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { NoticePage } from './notice-page';
import { ResendLink } from './resend-link';
import { locale, t, tx } from '../../i18n';

const NAME = limitOf('SignUp', 'name');
const EMAIL = limitOf('SignUp', 'email');

/** The language the pages are in now (the browser's, or the one chosen here) is the new account's. */
const browserLanguage = (): AccountLanguage => {
  const l = locale();
  return l === 'nl' ? 'nl' : l === 'zh-CN' ? 'zh' : 'en';
};

/**
 * /signup: a new account (name, email, password, language), then "check your mail". A known address gets the same
 * answer as a new one (identity tells nobody which addresses have accounts), so the page says what both mean.
 */
export const SignUpScreen = () => {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<AccountLanguage>(browserLanguage);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const f = useAccountForm();

  const submit = () => {
    const address = email.trim();
    void f.run(async () => {
      await identity.signUp({ name, email: address, password, language });
      setSentTo(address);
    });
  };

  if (sentTo) {
    return (
      <NoticePage
        title={t('mail.check')}
        lead={tx('signUp.sent', { email: <strong className="breakable">{sentTo}</strong> })}
      >
        <p className="muted">
          {tx('signUp.known', {
            signin: (c) => <Link to="/account">{c}</Link>,
            forgot: (c) => <Link to="/forgot">{c}</Link>,
          })}
        </p>
        <ResendLink email={sentTo} />
      </NoticePage>
    );
  }

  return (
    <Page
      title={t('signUp.title')}
      intro={t('signUp.intro')}
    >
      <Form ref={f.form} className="card form stack narrow" onSubmit={submit}>
        <Field
          label={t('field.yourName')}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={f.fields.name}
          {...limitProps({ maxLength: NAME.maxLength })}
        />
        <EmailField
          label={t('field.email')}
          hint={t('signUp.emailHint')}
          value={email}
          onChange={setEmail}
          error={f.fields.email}
          maxLength={EMAIL.maxLength}
        />
        <PasswordField
          label={t('field.password')}
          autoComplete="new-password"
          hint={passwordRule()}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f.fields.password}
        />
        <LanguageField value={language} onChange={setLanguage} error={f.fields.language} />
        <AccountFormProblem form={f} />
        <SubmitButton busy={f.busy}>
          {t('signUp.create')}
        </SubmitButton>
        <p className="muted small">
          {tx('signUp.haveAccount', { link: (c) => <Link to="/account">{c}</Link> })}
        </p>
      </Form>
    </Page>
  );
};
