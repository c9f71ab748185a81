import { useState } from 'react';
import { identity } from '../../api/identity';
import { AccountFormProblem, Done, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

/** A new password (the current one is needed); identity ends every other session, this browser stays signed in. */
export const PasswordCard = ({ onChanged }: { onChanged: () => void }) => {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const f = useAccountForm();
  const submit = () => {
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
      <Form ref={f.form} className="form stack" onSubmit={submit}>
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
        <AccountFormProblem form={f} />
        {changed ? (
          <Done>
            <p>{t('password.changed')}</p>
          </Done>
        ) : null}
        <SubmitButton busy={f.busy}>
          {t('password.change')}
        </SubmitButton>
      </Form>
    </section>
  );
};
