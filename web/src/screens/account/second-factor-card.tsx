import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { identity } from '../../api/identity';
import type { Account } from '../../api/types';
import { refreshIdentity } from '../../lib/identity-session';
import { AccountFormProblem, Done, PasswordField, useAccountForm } from './form-bits';
import { CodeField } from './password-sign-in';
import { Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

/** A step's submit button, and the button that leaves the steps. */
const StepButtons = ({ busy, onCancel, children }: { busy: boolean; onCancel: () => void; children: ReactNode }) => (
  <div className="row">
    <SubmitButton busy={busy}>{children}</SubmitButton>
    <button type="button" className="button secondary" onClick={onCancel}>
      {t('action.cancel')}
    </button>
  </div>
);

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
  const submitPassword = () => {
    if (step.at !== 'password') return;
    void f.run(async () => {
      if (step.turning === 'off') {
        await identity.disableTotp(password);
        return finish(t('tfa.offDone'));
      }
      const { totpURI } = await identity.enableTotp(password);
      setPassword('');
      setStep({ at: 'scan', totpURI });
    });
  };
  const submitCode = () => {
    void f.run(async () => {
      await identity.verifyTotp(code);
      await finish(t('tfa.onDone'));
    });
  };

  return (
    <section className="card stack" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('tfa.title')}</h2>
      <p>
        {t('tfa.status')}{' '}
        {account.secondFactor ? (
          <span className="badge badge-ok">{t('tfa.on')}</span>
        ) : (
          <span className="badge">{t('tfa.off')}</span>
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
            <p>{t('tfa.onText')}</p>
            <button type="button" className="button secondary" onClick={() => start('off')}>
              {t('tfa.turnOffLong')}
            </button>
          </>
        ) : (
          <>
            <p>{t('tfa.offText')}</p>
            <button type="button" className="button" onClick={() => start('on')}>
              {t('tfa.setUp')}
            </button>
          </>
        )
      ) : null}
      {step.at === 'password' ? (
        <Form ref={f.form} className="form stack" onSubmit={submitPassword}>
          <h3 ref={stepHeading} tabIndex={-1}>
            {step.turning === 'on' ? t('tfa.step1') : t('tfa.offStep')}
          </h3>
          <PasswordField
            label={t('field.yourPassword')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={f.fields.password}
          />
          <AccountFormProblem form={f} />
          <StepButtons busy={f.busy} onCancel={cancel}>
            {step.turning === 'on' ? t('action.continue') : t('tfa.turnOff')}
          </StepButtons>
        </Form>
      ) : null}
      {step.at === 'scan' ? (
        <Form ref={f.form} className="form stack" onSubmit={submitCode}>
          <h3 ref={stepHeading} tabIndex={-1}>
            {t('tfa.step2')}
          </h3>
          <ol className="steps">
            <li>{t('tfa.scan1')}</li>
            <li>{t('tfa.scan2')}</li>
          </ol>
          <figure className="qr">
            <QRCodeSVG
              value={step.totpURI}
              size={200}
              marginSize={2}
              role="img"
              aria-label={t('tfa.qr')}
            />
            <figcaption>
              {t('tfa.cannotScan')}{' '}
              <code className="secret" data-secret>
                {secretOf(step.totpURI)}
              </code>
            </figcaption>
          </figure>
          <CodeField value={code} onChange={setCode} error={f.fields.code} />
          <AccountFormProblem form={f} words={{ unauthenticated: t('signIn.wrongCode') }} />
          <StepButtons busy={f.busy} onCancel={cancel}>
            {t('tfa.turnOn')}
          </StepButtons>
        </Form>
      ) : null}
    </section>
  );
};
