import { lazy, Suspense } from 'react';
import { orders } from '../../api/orders';
import type { Order } from '../../api/types';
import { Price } from '../../components/bits';
import { ErrorMessage, Loading } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { BusyButton } from '../../components/form';
import { t } from '../../i18n';

// Stripe.js is loaded only when a publishable key is configured and the order is paid by card.
const StripePayment = lazy(() => import('./stripe-payment'));

/** Paying an order awaiting payment: Stripe Elements with a publishable key, else the simulated provider. */
export const PaymentPanel = ({ order, onPaid }: { order: Order; onPaid: (o: Order | null) => void }) => {
  const { busy, error, run } = useAction();
  const provider = order.payment?.provider;

  const paySimulated = () =>
    run(async () => {
      onPaid(await orders.paySimulated(order.orderId));
    });

  return (
    <section className="card pay" aria-labelledby="pay-h">
      <h2 id="pay-h">{provider === 'simulated' ? t('pay.simulatedTitle') : t('pay.title')}</h2>
      <p>
        {t('pay.toPay')} <Price money={order.totals.total} />
        {order.expiresAt ? (
          <span className="muted">
            {' '}
            · {t('pay.before', { time: formatDateTime(order.expiresAt) })}
          </span>
        ) : null}
      </p>
      {order.payment?.lastFailure ? (
        <p className="bad-text">{t('pay.lastFailed', { reason: order.payment.lastFailure })}</p>
      ) : null}
      {provider === 'simulated' ? (
        <>
          <p className="muted small">{t('pay.simulatedNote')}</p>
          <BusyButton
            busy={busy}
            onClick={() => void paySimulated()}
          >
            {busy ? t('pay.paying') : t('pay.simulatedButton')}
          </BusyButton>
        </>
      ) : provider === 'stripe' && __STRIPE_PUBLISHABLE_KEY__ ? (
        <Suspense fallback={<Loading what={t('pay.loadingCard')} />}>
          <StripePayment
            orderId={order.orderId}
            publishableKey={__STRIPE_PUBLISHABLE_KEY__}
            onPaid={() => onPaid(null)}
          />
        </Suspense>
      ) : (
        <p className="bad-text">{t('pay.notSetUp')}</p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
};
