import { catalog } from '../../api/catalog';
import type { Farm } from '../../api/types';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { BusyButton } from '../../components/form';
import { t, tx } from '../../i18n';

/**
 * The farm's payout account: connected through Stripe Connect onboarding (never typed in). The button makes the
 * farm's connected account (once) and opens Stripe's page for it; Stripe sends the farmer back here.
 */
export const PayoutCard = ({ farm }: { farm: Farm }) => {
  const { busy, error, run } = useAction();
  return (
    <section className="card stack" aria-labelledby="payout-h">
      <h2 id="payout-h">{t('payoutCard.title')}</h2>
      {farm.payoutAccountId ? (
        <p className="small">
          {tx('payoutCard.connected', { account: <code key="a">{farm.payoutAccountId}</code> })}
        </p>
      ) : (
        <p className="small">{t('payoutCard.notConnected')}</p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <BusyButton
          busy={busy}
          className="button secondary"
          onClick={() =>
            void run(async () => {
              const r = await catalog.payoutOnboarding(farm.id);
              window.location.assign(r.url);
            })
          }
        >
          {farm.payoutAccountId ? t('payoutCard.update') : t('payoutCard.connect')}
        </BusyButton>
      </div>
    </section>
  );
};
