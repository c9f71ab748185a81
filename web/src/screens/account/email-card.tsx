import { useState } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import type { Account } from '../../api/types';
import { AccountFormProblem, EmailField, useAccountForm } from './form-bits';
import { Form, SubmitButton } from '../../components/form';
import { t, tx } from '../../i18n';

const EMAIL = limitOf('EmailChange', 'newEmail');

/** The change this browser asked for and the link has not confirmed yet (identity keeps no pending state to ask). */
const pendingKey = (personId: string) => `ftt.identity.email-change.${personId}`;
const readPending = (personId: string): string | null => {
  try {
    return sessionStorage.getItem(pendingKey(personId));
  } catch {
    return null;
  }
};
const writePending = (personId: string, email: string | null) => {
  try {
    if (email) sessionStorage.setItem(pendingKey(personId), email);
    else sessionStorage.removeItem(pendingKey(personId));
  } catch {
    // without storage the pending change is shown until the page is left
  }
};

/**
 * The sign-in address. A new one becomes the account's only when the link mailed to it is opened (/verify), so
 * until then the card says which address is waiting.
 */
export const EmailCard = ({ account }: { account: Account }) => {
  const stored = readPending(account.personId);
  const [pending, setPending] = useState<string | null>(stored === account.email ? null : stored);
  const [email, setEmail] = useState('');
  const f = useAccountForm();
  const ask = (to: string | null) => {
    writePending(account.personId, to);
    setPending(to);
  };
  const submit = () => {
    const address = email.trim();
    void f.run(async () => {
      await identity.changeEmail(address);
      setEmail('');
      ask(address);
    });
  };
  return (
    <section className="card stack" aria-labelledby="email-title">
      <h2 id="email-title">{t('field.email')}</h2>
      <p>
        <strong className="breakable">{account.email}</strong>{' '}
        {account.emailVerified ? (
          <span className="badge badge-ok inline">{t('email.confirmed')}</span>
        ) : (
          <span className="badge badge-warn inline">{t('email.notConfirmed')}</span>
        )}
      </p>
      {pending ? (
        <div className="state state-info stack" role="status">
          <p>
            {tx('email.waiting', {
              b: (c) => <strong>{c}</strong>,
              pending: <strong className="breakable">{pending}</strong>,
              current: <span className="breakable">{account.email}</span>,
            })}
          </p>
          <button type="button" className="button small secondary" onClick={() => ask(null)}>
            {t('email.another')}
          </button>
        </div>
      ) : (
        <Form ref={f.form} className="form stack" onSubmit={submit}>
          <EmailField
            label={t('email.new')}
            hint={t('email.newHint')}
            value={email}
            onChange={setEmail}
            error={f.fields.newEmail}
            maxLength={EMAIL.maxLength}
          />
          <AccountFormProblem form={f} />
          <SubmitButton busy={f.busy}>
            {t('email.change')}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
};
