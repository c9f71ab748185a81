import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import type { Account, AccountLanguage } from '../../api/types';
import { Field, limitProps, SelectField } from '../../components/field';
import { refreshIdentity } from '../../lib/identity-session';
import { accountProblem, Done, FormProblem, useAccountForm } from './form-bits';
import { LANGUAGES } from './sign-up';
import { t } from '../../i18n';

const NAME = limitOf('AccountChange', 'name');

/** Name (how mails greet the person) and their language: the pages change to it once saved, the mails follow it. */
export const ProfileCard = ({ account }: { account: Account }) => {
  const [name, setName] = useState(account.name);
  const [language, setLanguage] = useState<AccountLanguage>(account.language);
  const [saved, setSaved] = useState(false);
  const f = useAccountForm();
  const submit = (e: FormEvent) => {
    e.preventDefault();
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
      <form ref={f.form} className="form stack" onSubmit={submit} noValidate>
        <Field
          label={t('profile.name')}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={f.fields.name}
          {...limitProps({ maxLength: NAME.maxLength })}
        />
        <SelectField
          label={t('field.language')}
          value={language}
          onChange={(e) => setLanguage(e.target.value as AccountLanguage)}
          error={f.fields.language}
        >
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value} lang={l.lang}>
              {l.label}
            </option>
          ))}
        </SelectField>
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        {saved ? (
          <Done>
            <p>{t('profile.saved')}</p>
          </Done>
        ) : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          {t('profile.save')}
        </button>
      </form>
    </section>
  );
};
