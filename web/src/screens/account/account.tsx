import { useState } from 'react';
import { Page } from '../../components/page';
import { ErrorMessage, Loading } from '../../components/states';
import { forgetIdentity, pending, refreshIdentity, useIdentity } from '../../lib/identity-session';
import { EmailCard } from './email-card';
import { Done } from './form-bits';
import { PasswordCard } from './password-card';
import { PasswordSignIn } from './password-sign-in';
import { ProfileCard } from './profile-card';
import { SecondFactorCard } from './second-factor-card';
import { SessionsCard } from './sessions-card';
import { YourDataCard } from './your-data-card';
import { t, tx } from '../../i18n';

/**
 * /account: a person's own account at identity: profile (name, language), email (changed once the new address
 * confirms it), password, two-step sign-in, and where they are signed in. Signed out, it asks them to sign in.
 * "Your data": download what the system holds about me (one JSON file) and delete my account (with the password).
 */
export const AccountScreen = () => {
  const who = useIdentity(true);
  // a password change, an enrolment or a second factor turned off replaces this browser's session: the list changes
  const [version, setVersion] = useState(0);
  const [signedOut, setSignedOut] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const changed = () => setVersion((v) => v + 1);

  if (pending(who, true))
    return (
      <Page title={t('menu.yourAccount')}>
        <Loading what={t('account.loading')} />
      </Page>
    );
  if (who.status === 'error')
    return (
      <Page title={t('menu.yourAccount')}>
        <ErrorMessage error={who.error} onRetry={() => void refreshIdentity()} />
      </Page>
    );
  if (who.status !== 'signed-in')
    return (
      <Page title={t('account.signInTitle')}>
        <div className="stack narrow">
          {signedOut ? (
            <Done>
              <p>{t('account.signedOutEverywhere')}</p>
            </Done>
          ) : null}
          {deleted ? (
            <Done>
              <p>{t('account.deleted')}</p>
            </Done>
          ) : null}
          <PasswordSignIn onSignedIn={() => setSignedOut(false)} />
        </div>
      </Page>
    );

  const { account } = who;
  return (
    <Page title={t('menu.yourAccount')} intro={t('account.signedInAs', { name: account.name })}>
      {account.secondFactorNeeded ? (
        <div className="state state-warn" role="note">
          <p>{tx('account.operator', { b: (c) => <strong>{c}</strong> })}</p>
        </div>
      ) : null}
      <div className="grid two account-grid">
        <ProfileCard account={account} />
        <EmailCard account={account} />
        <PasswordCard onChanged={changed} />
        <SecondFactorCard account={account} onChanged={changed} />
        <SessionsCard
          version={version}
          onSignedOutEverywhere={() => {
            setSignedOut(true);
            forgetIdentity();
          }}
        />
        <YourDataCard
          onDeleted={() => {
            setDeleted(true);
            forgetIdentity();
          }}
        />
      </div>
    </Page>
  );
};
