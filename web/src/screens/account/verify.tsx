import { ApiError } from '../../api/client';
import { identity } from '../../api/identity';
import { Page } from '../../components/page';
import { ErrorMessage, Loading } from '../../components/states';
import { refreshIdentity, useIdentity } from '../../lib/identity-session';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { PasswordSignIn } from './password-sign-in';
import { ResendLink } from './resend-link';

/** A link identity refuses (expired, used, made up): one state, since the person can do the same about each. */
const LinkRefused = ({ missing = false }: { missing?: boolean }) => (
  <Page title="This link cannot be used">
    <div className="card stack narrow">
      <p className="lead">
        {missing
          ? 'The link is incomplete: open it from the mail again, or copy the whole address.'
          : 'The link has expired or was used already: each link works once.'}
      </p>
      <p>
        Confirmed your address before? Then <Link to="/account">sign in</Link>. Otherwise we can send you a
        new link.
      </p>
      <ResendLink />
    </div>
  </Page>
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
      <Page title="Confirming your email address">
        <Loading what="Confirming your email address" />
      </Page>
    );
  if (state.status === 'error') {
    const e = state.error;
    if (e instanceof ApiError && (e.status === 400 || e.status === 401)) return <LinkRefused />;
    return (
      <Page title="Confirming your email address">
        <ErrorMessage error={e} onRetry={state.reload} />
      </Page>
    );
  }
  if (state.data.purpose === 'email-change') {
    return (
      <Page title="Your new email address is confirmed">
        <div className="card stack narrow">
          <p className="lead">From now on you sign in with it, and our mails go there.</p>
          <p>
            <Link className="button" to="/account">
              Go to your account
            </Link>
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page title="Your email address is confirmed">
      <div className="stack narrow">
        <p className="lead">Welcome to FieldToTable.</p>
        {who.status === 'signed-in' ? (
          <p>
            <Link className="button" to="/account">
              Go to your account
            </Link>
          </p>
        ) : (
          <PasswordSignIn
            intro="Sign in with the email address and password you chose."
            onSignedIn={() => navigate('/account', { replace: true })}
          />
        )}
      </div>
    </Page>
  );
};
