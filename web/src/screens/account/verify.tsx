import { ApiError } from '../../api/client';
import { identity } from '../../api/identity';
import { Page } from '../../components/page';
import { ErrorMessage, Loading } from '../../components/states';
import { refreshIdentity, useIdentity } from '../../lib/identity-session';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { PasswordSignIn } from './password-sign-in';
import { ResendLink } from './resend-link';
import { NoticePage } from './notice-page';
import { t, tx } from '../../i18n';

/** A link identity refuses (expired, used, made up): one state, since the person can do the same about each. */
const LinkRefused = ({ missing = false }: { missing?: boolean }) => (
  <NoticePage title={t('link.refused')} lead={missing ? t('verify.incomplete') : t('verify.expired')}>
    <p>{tx('verify.before', { link: (c) => <Link to="/account">{c}</Link> })}</p>
    <ResendLink />
  </NoticePage>
);

/**
 * /verify?token=…: the link in a verification mail. Opening it confirms the address (once; identity refuses a second
 * use) and then the person signs in here, or, after a change of email, learns that the new address is theirs.
 */
export const VerifyScreen = ({ token }: { token: string | null }) => {
  const state = useAsync(`verify:${token ?? ''}`, async () => {
    if (!token) throw new ApiError(400, 'no token');
    const verified = await identity.verifyEmail(token);
    // a signed-in person's account now has the confirmed (or the new) address
    void refreshIdentity();
    return verified;
  });
  const who = useIdentity();
  if (!token) return <LinkRefused missing />;
  if (state.status === 'loading')
    return (
      <Page title={t('verify.confirming')}>
        <Loading what={t('verify.confirming')} />
      </Page>
    );
  if (state.status === 'error') {
    const e = state.error;
    if (e instanceof ApiError && (e.status === 400 || e.status === 401)) return <LinkRefused />;
    return (
      <Page title={t('verify.confirming')}>
        <ErrorMessage error={e} onRetry={state.reload} />
      </Page>
    );
  }
  if (state.data.purpose === 'email-change') {
    return (
      <NoticePage
        title={t('verify.newConfirmed')}
        lead={t('verify.newConfirmedText')}
        next={{ to: '/account', label: t('account.goTo') }}
      />
    );
  }
  return (
    <Page title={t('verify.confirmed')}>
      <div className="stack narrow">
        <p className="lead">{t('verify.welcome')}</p>
        {who.status === 'signed-in' ? (
          <p>
            <Link className="button" to="/account">
              {t('account.goTo')}
            </Link>
          </p>
        ) : (
          <PasswordSignIn
            intro={t('verify.signInIntro')}
            onSignedIn={() => navigate('/account', { replace: true })}
          />
        )}
      </div>
    </Page>
  );
};
