import { useEffect, useRef, useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import { Field, limitProps } from '../../components/field';
import { refreshIdentity } from '../../lib/identity-session';
import { Link } from '../../lib/router';
import { ApiError } from '../../api/client';
import { accountProblem, FormProblem, PasswordField, useAccountForm } from './form-bits';
import { ResendLink } from './resend-link';
import { t, tx } from '../../i18n';

const CODE = limitOf('TotpCode', 'code');

/** The six-digit code of an authenticator app: digits only, and the phone's number pad. */
export const CodeField = ({
  value,
  onChange,
  error,
  label = t('code.label'),
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  label?: string;
}) => (
  <Field
    label={label}
    hint={t('code.hint')}
    error={error}
    value={value}
    onChange={(e) => onChange(e.target.value.replace(/\s+/g, ''))}
    inputMode="numeric"
    autoComplete="one-time-code"
    maxLength={6}
    className="code-field"
    {...limitProps({ pattern: CODE.pattern })}
  />
);

/**
 * Sign-in with email and password for people with an account (identity's session cookie), then the code of their
 * authenticator app when they enrolled one. The account pages show it where a person must be signed in.
 */
export const PasswordSignIn = ({ onSignedIn, intro }: { onSignedIn?: () => void; intro?: string }) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const f = useAccountForm();
  const codeStep = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (askCode) codeStep.current?.focus();
  }, [askCode]);

  const signedIn = async () => {
    await refreshIdentity();
    onSignedIn?.();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void f.run(async () => {
      if (askCode) {
        await identity.verifyTotp(code);
        return signedIn();
      }
      const r = await identity.signIn({ email: email.trim(), password });
      if ('secondFactorRequired' in r) return setAskCode(true);
      return signedIn();
    });
  };
  const problem = accountProblem(
    f.error,
    askCode
      ? {
          unauthenticated: t('signIn.wrongCode'),
        }
      : {
          unauthenticated: t('signIn.wrongPassword'),
          forbidden: t('signIn.unconfirmed'),
        },
    Object.keys(f.fields),
  );
  const unconfirmed = !askCode && f.error instanceof ApiError && f.error.status === 403;
  return (
    <>
      <form
        ref={f.form}
        className="card form stack"
        onSubmit={submit}
        noValidate
        aria-labelledby="sign-in-title"
      >
        {askCode ? (
          <>
            <h2 id="sign-in-title" ref={codeStep} tabIndex={-1}>
              {t('signIn.enterCode')}
            </h2>
            <p>{t('signIn.codeIntro')}</p>
            <CodeField value={code} onChange={setCode} error={f.fields.code} />
          </>
        ) : (
          <>
            <h2 id="sign-in-title">{t('shell.signIn')}</h2>
            {intro ? <p>{intro}</p> : null}
            <Field
              label={t('field.email')}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={f.fields.email}
            />
            <PasswordField
              label={t('field.password')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={f.fields.password}
            />
          </>
        )}
        {f.error ? <FormProblem>{problem}</FormProblem> : null}
        <div className="spread">
          <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
            {askCode ? t('signIn.confirmCode') : t('shell.signIn')}
          </button>
          {askCode ? null : <Link to="/forgot">{t('signIn.forgot')}</Link>}
        </div>
        {askCode ? null : (
          <p className="muted small">
            {tx('signIn.new', { link: (c) => <Link to="/signup">{c}</Link> })}
          </p>
        )}
      </form>
      {/* its own form, beside the sign-in one (forms do not nest) */}
      {unconfirmed ? (
        <div className="card">
          <ResendLink email={email.trim()} />
        </div>
      ) : null}
    </>
  );
};
