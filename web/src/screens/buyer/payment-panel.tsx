import { lazy, Suspense } from 'react';
import { orders } from '../../api/orders';
import type { Order } from '../../api/types';
import { Price } from '../../components/bits';
import { ErrorMessage, Loading } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';

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
      <h2 id="pay-h">{provider === 'simulated' ? 'Simulated payment (demo)' : 'Payment'}</h2>
      <p>
        To pay: <Price money={order.totals.total} />
        {order.expiresAt ? (
          <span className="muted">
            {' '}
            · before {formatDateTime(order.expiresAt)}, or the order is cancelled
          </span>
        ) : null}
      </p>
      {order.payment?.lastFailure ? (
        <p className="bad-text">The last attempt failed: {order.payment.lastFailure}</p>
      ) : null}
      {provider === 'simulated' ? (
        <>
          <p className="muted small">
            This demo runs on the built-in simulated payment provider: no card is charged and no money moves.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void paySimulated()}
          >
            {busy ? 'Paying…' : 'Pay now (simulated)'}
          </button>
        </>
      ) : provider === 'stripe' && __STRIPE_PUBLISHABLE_KEY__ ? (
        <Suspense fallback={<Loading what="Loading the card form" />}>
          <StripePayment
            orderId={order.orderId}
            publishableKey={__STRIPE_PUBLISHABLE_KEY__}
            onPaid={() => onPaid(null)}
          />
        </Suspense>
      ) : (
        <p className="bad-text">
          Card payment is not set up on this web server (no Stripe publishable key). Ask the operator to set
          STRIPE_PUBLISHABLE_KEY.
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
};
