import { useState } from 'react';
import { onboarding } from '../../api/onboarding';
import { useSession } from '../../auth/session';
import { Page } from '../../components/page';
import { ErrorMessage } from '../../components/states';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { BusyButton } from '../../components/form';
import { t } from '../../i18n';

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
      <Page title={t('acceptInvite.title')}>
        <p>{t('acceptInvite.signInFirst')}</p>
        <p className="row">
          <Link className="button" to={`/signin?next=${encodeURIComponent(back)}`}>
            {t('acceptInvite.signIn')}
          </Link>
          <Link className="button secondary" to="/signup">
            {t('acceptInvite.signUp')}
          </Link>
        </p>
      </Page>
    );
  return (
    <Page title={t('acceptInvite.title')}>
      {done ? (
        <div className="state state-ok" role="status">
          <p>
            {t('acceptInvite.welcome')}{' '}
            {done === 'farm' ? (
              <Link to="/farmer/packing">{t('acceptInvite.toPack')}</Link>
            ) : (
              <Link to="/partner">{t('acceptInvite.toDeliver')}</Link>
            )}
          </p>
        </div>
      ) : (
        <>
          <p>{t('acceptInvite.intro')}</p>
          {error ? <ErrorMessage error={error} /> : null}
          <BusyButton
            busy={busy}
            onClick={() =>
              void run(async () => {
                const r = await onboarding.accept(inviteId);
                await adopt();
                setDone(r.memberships.some((m) => m.kind === 'partner') && !r.memberships.some((m) => m.kind === 'farm') ? 'partner' : 'farm');
              })
            }
          >
            {t('acceptInvite.accept')}
          </BusyButton>
        </>
      )}
    </Page>
  );
};
