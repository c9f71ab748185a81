import { useState } from 'react';
import { onboarding } from '../../api/onboarding';
import { useSession } from '../../auth/session';
import { Page } from '../../components/page';
import { ErrorMessage } from '../../components/states';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';

/**
 * /invites/:inviteId, the link in an invitation mail: signed in with the invited address, the person accepts; then a
 * fresh token carries the new membership. Signed out, they sign in or sign up first and come back.
 */
export const AcceptInviteScreen = ({ inviteId }: { inviteId: string }) => {
  const { session, adopt } = useSession();
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<'farm' | 'partner' | null>(null);
  const back = `/invites/${inviteId}`;
  if (!session)
    return (
      <Page title="Your invitation">
        <p>Sign in with the email address the invitation was sent to, or create an account with it, then come back to this link.</p>
        <p className="row">
          <Link className="button" to={`/signin?next=${encodeURIComponent(back)}`}>
            Sign in
          </Link>
          <Link className="button secondary" to="/signup">
            Create an account
          </Link>
        </p>
      </Page>
    );
  return (
    <Page title="Your invitation">
      {done ? (
        <div className="state state-ok" role="status">
          <p>
            Welcome aboard.{' '}
            {done === 'farm' ? <Link to="/farmer/packing">See what to pack</Link> : <Link to="/partner">See your deliveries</Link>}
          </p>
        </div>
      ) : (
        <>
          <p>You were invited to join a farm or a delivery partner on FieldToTable.</p>
          {error ? <ErrorMessage error={error} /> : null}
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-busy={busy}
            onClick={() =>
              void run(async () => {
                const r = await onboarding.accept(inviteId);
                await adopt();
                setDone(r.memberships.some((m) => m.kind === 'partner') && !r.memberships.some((m) => m.kind === 'farm') ? 'partner' : 'farm');
              })
            }
          >
            Accept the invitation
          </button>
        </>
      )}
    </Page>
  );
};
