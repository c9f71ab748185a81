import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { accountProblem, Done, FormProblem, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { t } from '../../i18n';

/** A new password (the current one is needed); identity ends every other session, this browser stays signed in. */
export const PasswordCard = ({ onChanged }: { onChanged: () => void }) => {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const f = useAccountForm();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChanged(false);
    void f.run(async () => {
      await identity.changePassword(current, next);
      setCurrent('');
      setNext('');
      setChanged(true);
      onChanged();
    });
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('field.password')}</h2>
      <form ref={f.form} className="form stack" onSubmit={submit} noValidate>
        <PasswordField
          label={t('password.current')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={f.fields.currentPassword}
        />
        <PasswordField
          label={t('field.newPassword')}
          autoComplete="new-password"
          hint={passwordRule()}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={f.fields.newPassword}
        />
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        {changed ? (
          <Done>
            <p>{t('password.changed')}</p>
          </Done>
        ) : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          {t('password.change')}
        </button>
      </form>
    </section>
  );
};
