import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe } from '@stripe/stripe-js';
import { useMemo, useState } from 'react';
import { orders } from '../../api/orders';
import { Async, ErrorMessage } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { locale, t } from '../../i18n';

const stripes = new Map<string, Promise<Stripe | null>>();
const stripeFor = (key: string) => {
  let s = stripes.get(key);
  if (!s) {
    s = loadStripe(key);
    stripes.set(key, s);
  }
  return s;
};

/** Stripe's card form in the page's language. */
const STRIPE_LOCALES = { en: 'en', nl: 'nl', 'zh-CN': 'zh', 'en-XA': 'en' } as const;

const PayForm = ({ onPaid }: { onPaid: () => void }) => {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!stripe || !elements) return;
        setBusy(true);
        setError(null);
        // The order moves on when Stripe's signed webhook reaches the orders service, not on this reply.
        const r = await stripe.confirmPayment({
          elements,
          redirect: 'if_required',
          confirmParams: { return_url: window.location.href },
        });
        setBusy(false);
        if (r.error) setError(r.error.message ?? t('pay.failed'));
        else onPaid();
      }}
    >
      <PaymentElement />
      {error ? <ErrorMessage error={new Error(error)} /> : null}
      <button type="submit" className="button" disabled={!stripe || busy} aria-busy={busy}>
        {busy ? t('pay.paying') : t('pay.byCard')}
      </button>
    </form>
  );
};

/** Stripe Elements for the order's PaymentIntent (its client secret comes from the orders service). */
const StripePayment = ({
  orderId,
  publishableKey,
  onPaid,
}: {
  orderId: string;
  publishableKey: string;
  onPaid: () => void;
}) => {
  const details = useAsync(`pay:${orderId}`, () => orders.paymentDetails(orderId));
  const stripe = useMemo(() => stripeFor(publishableKey), [publishableKey]);
  return (
    <Async state={details} what={t('pay.preparing')}>
      {(d) => (
        <Elements stripe={stripe} options={{ clientSecret: d.clientSecret, locale: STRIPE_LOCALES[locale()] }}>
          <PayForm onPaid={onPaid} />
        </Elements>
      )}
    </Async>
  );
};

export default StripePayment;
