import { useState } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import type { Account, AccountLanguage } from '../../api/types';
import { Field, limitProps } from '../../components/field';
import { refreshIdentity } from '../../lib/identity-session';
import { AccountFormProblem, Done, LanguageField, useAccountForm } from './form-bits';
import { Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

const NAME = limitOf('AccountChange', 'name');

/** Name (how mails greet the person) and their language: the pages change to it once saved, the mails follow it. */
export const ProfileCard = ({ account }: { account: Account }) => {
  const [name, setName] = useState(account.name);
  const [language, setLanguage] = useState<AccountLanguage>(account.language);
  const [saved, setSaved] = useState(false);
  const f = useAccountForm();
  const submit = () => {
    setSaved(false);
    void f.run(async () => {
      await identity.updateAccount({ name, language });
      await refreshIdentity();
      setSaved(true);
    });
  };
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <Form ref={f.form} className="form stack" onSubmit={submit}>
        <Field
          label={t('profile.name')}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={f.fields.name}
          {...limitProps({ maxLength: NAME.maxLength })}
        />
        <LanguageField value={language} onChange={setLanguage} error={f.fields.language} />
        <AccountFormProblem form={f} />
        {saved ? (
          <Done>
            <p>{t('profile.saved')}</p>
          </Done>
        ) : null}
        <SubmitButton busy={f.busy}>
          {t('profile.save')}
        </SubmitButton>
      </Form>
    </section>
  );
};
