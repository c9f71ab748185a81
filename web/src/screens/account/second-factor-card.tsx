import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import type { Account } from '../../api/types';
import { refreshIdentity } from '../../lib/identity-session';
import { accountProblem, Done, FormProblem, PasswordField, useAccountForm } from './form-bits';
import { CodeField } from './password-sign-in';

/** The key in an otpauth:// URI, in groups of four for typing it into an app by hand. */
export const secretOf = (totpURI: string): string => {
  const secret = new URL(totpURI).searchParams.get('secret') ?? '';
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
};

type Step = { at: 'idle' } | { at: 'password'; turning: 'on' | 'off' } | { at: 'scan'; totpURI: string };

/**
 * Two-step sign-in with an authenticator app (TOTP): the password starts the enrolment, the app scans the QR code
 * (or takes the key typed in), and a first code from it turns the factor on. Turning it off takes the password.
 */
export const SecondFactorCard = ({ account, onChanged }: { account: Account; onChanged: () => void }) => {
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const f = useAccountForm();
  const stepHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (step.at !== 'idle') stepHeading.current?.focus();
  }, [step.at]);

  const start = (turning: 'on' | 'off') => {
    setDone(null);
    setPassword('');
    setStep({ at: 'password', turning });
  };
  const cancel = () => {
    setPassword('');
    setCode('');
    setStep({ at: 'idle' });
  };
  const finish = async (message: string) => {
    await refreshIdentity();
    onChanged();
    setPassword('');
    setCode('');
    setStep({ at: 'idle' });
    setDone(message);
  };
  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    if (step.at !== 'password') return;
    void f.run(async () => {
      if (step.turning === 'off') {
        await identity.disableTotp(password);
        return finish('Two-step sign-in is off: signing in asks for your password only.');
      }
      const { totpURI } = await identity.enableTotp(password);
      setPassword('');
      setStep({ at: 'scan', totpURI });
    });
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    void f.run(async () => {
      await identity.verifyTotp(code);
      await finish('Two-step sign-in is on.');
    });
  };

  return (
    <section className="card stack" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">Two-step sign-in</h2>
      <p>
        Status:{' '}
        {account.secondFactor ? (
          <span className="badge badge-ok">On</span>
        ) : (
          <span className="badge">Off</span>
        )}
      </p>
      {done ? (
        <Done>
          <p>{done}</p>
        </Done>
      ) : null}
      {step.at === 'idle' ? (
        account.secondFactor ? (
          <>
            <p>Signing in asks for your password and a code from your authenticator app.</p>
            <button type="button" className="button secondary" onClick={() => start('off')}>
              Turn off two-step sign-in
            </button>
          </>
        ) : (
          <>
            <p>
              With an authenticator app (such as Aegis, Google Authenticator or 1Password), signing in also
              asks for a code from your phone: a stolen password alone is not enough.
            </p>
            <button type="button" className="button" onClick={() => start('on')}>
              Set up an authenticator app
            </button>
          </>
        )
      ) : null}
      {step.at === 'password' ? (
        <form ref={f.form} className="form stack" onSubmit={submitPassword} noValidate>
          <h3 ref={stepHeading} tabIndex={-1}>
            {step.turning === 'on' ? 'Step 1 of 2: confirm it is you' : 'Turn off: confirm it is you'}
          </h3>
          <PasswordField
            label="Your password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={f.fields.password}
          />
          {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
          <div className="row">
            <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
              {step.turning === 'on' ? 'Continue' : 'Turn off'}
            </button>
            <button type="button" className="button secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {step.at === 'scan' ? (
        <form ref={f.form} className="form stack" onSubmit={submitCode} noValidate>
          <h3 ref={stepHeading} tabIndex={-1}>
            Step 2 of 2: add FieldToTable to your app
          </h3>
          <ol className="steps">
            <li>In your authenticator app, add an account and scan this QR code.</li>
            <li>Then enter the six-digit code the app shows.</li>
          </ol>
          <figure className="qr">
            <QRCodeSVG
              value={step.totpURI}
              size={200}
              marginSize={2}
              role="img"
              aria-label="QR code with your FieldToTable key for an authenticator app"
            />
            <figcaption>
              Cannot scan? Type this key into the app instead (time-based):{' '}
              <code className="secret" data-secret>
                {secretOf(step.totpURI)}
              </code>
            </figcaption>
          </figure>
          <CodeField value={code} onChange={setCode} error={f.fields.code} />
          {f.error ? (
            <FormProblem>
              {accountProblem(
                f.error,
                {
                  unauthenticated:
                    'That code is not the right one. Check the time on your phone and try the newest code.',
                },
                Object.keys(f.fields),
              )}
            </FormProblem>
          ) : null}
          <div className="row">
            <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
              Turn on
            </button>
            <button type="button" className="button secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
};
