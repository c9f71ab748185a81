import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { orders } from '../../api/orders';
import type { Quote } from '../../api/types';
import { useSession } from '../../auth/session';
import { Photo, Price } from '../../components/bits';
import { Page } from '../../components/page';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { byFarm, useCart, type CartItem } from '../../lib/cart';
import { formatDay, quantityText, unitLabel } from '../../lib/format';
import { newKey } from '../../lib/ids';
import { rememberDelivery, rememberedDelivery } from '../../lib/remembered-address';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { CheckoutForm, type CheckoutDetails } from './checkout-form';
import type { DeliveryInput } from './delivery-choice';

const sum = (items: CartItem[]) => ({
  amount: items.reduce((n, i) => n + i.unitPrice.amount * i.quantity, 0),
  currency: items[0]?.unitPrice.currency ?? 'EUR',
});

/** Why a typed quantity cannot be ordered, or null when it can. */
const quantityProblem = (text: string, item: CartItem): string | null => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1)
    return 'Enter a whole number of 1 or more. To drop this item, use Remove.';
  if (item.available > 0 && n > item.available)
    return `Only ${quantityText(item.available, item.unit)} left: enter ${item.available} or fewer.`;
  return null;
};

const CartLine = ({ item, problem }: { item: CartItem; problem: string | undefined }) => {
  const { setQuantity, remove } = useCart();
  const [text, setText] = useState(String(item.quantity));
  const wrong = quantityProblem(text, item);
  const id = `qty-${item.listingId}`;
  return (
    <li className="cart-line">
      <Photo src={item.photo} alt="" className="thumb" />
      <div className="cart-line-main">
        <Link to={`/listings/${item.listingId}`}>{item.title}</Link>
        <span className="muted small">
          <Price money={item.unitPrice} /> {unitLabel(item.unit)}
        </span>
      </div>
      <label htmlFor={id} className="visually-hidden">
        Quantity of {item.title} ({item.unit})
      </label>
      <input
        id={id}
        className="qty"
        type="number"
        inputMode="numeric"
        min={1}
        max={item.available > 0 ? item.available : undefined}
        step={1}
        value={text}
        aria-invalid={wrong ? true : undefined}
        aria-describedby={wrong || problem ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          // only a quantity that can be ordered reaches the cart; a wrong one is said, never silently changed
          if (!quantityProblem(e.target.value, item)) setQuantity(item.listingId, Number(e.target.value));
        }}
      />
      <Price money={{ amount: item.unitPrice.amount * item.quantity, currency: item.unitPrice.currency }} />
      <button
        type="button"
        className="button link"
        onClick={() => remove(item.listingId)}
        aria-label={`Remove ${item.title}`}
      >
        Remove
      </button>
      {wrong || problem ? (
        <small id={`${id}-error`} className="field-error cart-line-error">
          {wrong ?? problem}
        </small>
      ) : null}
    </li>
  );
};

/** The quote's word on each line (a listing sold out or withdrawn since it was added), by listing id. */
const lineProblems = (error: unknown, items: CartItem[]): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const i of error.issues) {
    const m = /lines\.(\d+)\./.exec(i.field);
    const item = m ? items[Number(m[1])] : undefined;
    if (item)
      out[item.listingId] = /unknown/i.test(i.message)
        ? 'Not on sale yet or no longer: checking again…'
        : 'No longer on sale (paused or withdrawn by the farm): remove it to place the order.';
  }
  return out;
};

/** What the buyer will pay, before placing: the orders service prices it as it will price the order. */
const Totals = ({ quote, farms }: { quote: Quote; farms: number }) => (
  <dl className="facts totals">
    <dt>Produce</dt>
    <dd>
      <Price money={quote.totals.goods} />
    </dd>
    <dt>
      {quote.delivery
        ? `Delivery on ${formatDay(quote.delivery.day)} ${quote.delivery.drop.kind === 'pickup_point' ? `at ${quote.delivery.drop.name}` : 'to your door'}${quote.delivery.moved ? ' (the cut-off had passed)' : ''}`
        : `Delivery (${farms} ${farms === 1 ? 'box' : 'boxes'}, one per farm)`}
    </dt>
    <dd>
      <Price money={quote.totals.delivery} />
    </dd>
    <dt>Total to pay</dt>
    <dd>
      <strong>
        <Price money={quote.totals.total} />
      </strong>
    </dd>
  </dl>
);

export const CartScreen = () => {
  const { items, clear } = useCart();
  const { session } = useSession();
  const groups = byFarm(items);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per cart content: a retried submit of the same cart returns the same order, never a second one.
  const signature = useMemo(() => items.map((i) => `${i.listingId}x${i.quantity}`).join(','), [items]);
  const keyRef = useRef<{ signature: string; key: string }>({ signature: '', key: '' });
  if (keyRef.current.signature !== signature) keyRef.current = { signature, key: newKey() };
  const lines = items.map((i) => ({ listingId: i.listingId, quantity: i.quantity }));
  // The delivery chosen in the form prices the quote as it will price the order (home delivery needs the postal code).
  const [chosen, setChosen] = useState<{ delivery: DeliveryInput | null; postalCode: string }>({
    delivery: null,
    postalCode: '',
  });
  const onDeliveryChange = useCallback(
    (delivery: DeliveryInput | null, postalCode: string) =>
      setChosen((c) =>
        c.delivery === delivery && c.postalCode === postalCode ? c : { delivery, postalCode },
      ),
    [],
  );
  const home = chosen.delivery?.method === 'home';
  const quoteKey = `quote:${signature}:${JSON.stringify(chosen.delivery)}:${home ? chosen.postalCode : ''}`;
  const quote = useAsync(quoteKey, (signal) =>
    lines.length
      ? orders.quote(
          {
            lines,
            ...(chosen.delivery ? { delivery: chosen.delivery } : {}),
            ...(home
              ? { deliveryAddress: { line1: '-', city: '-', country: 'NL', postalCode: chosen.postalCode } }
              : {}),
          },
          signal,
        )
      : Promise.resolve(null),
  );
  const problems = quote.status === 'error' ? lineProblems(quote.error, items) : {};
  // A listing just published may not have reached the orders service yet: ask again shortly.
  const { reload } = quote;
  const failure = quote.status === 'error' ? quote.error : null;
  useEffect(() => {
    if (!failure) return undefined;
    const timer = setTimeout(reload, 3000);
    return () => clearTimeout(timer);
  }, [failure, reload]);
  const userId = session?.user.userId;

  const place = async (d: CheckoutDetails) => {
    setBusy(true);
    setError(null);
    try {
      const order = await orders.place(
        {
          lines: items.map((i) => ({ listingId: i.listingId, quantity: i.quantity })),
          deliveryAddress: d.address,
          contact: { name: d.name, ...(d.phone ? { phone: d.phone } : {}) },
          ...(d.delivery ? { delivery: d.delivery } : {}),
        },
        keyRef.current.key,
      );
      if (userId) rememberDelivery(userId, { name: d.name, phone: d.phone, address: d.address });
      clear();
      navigate(`/orders/${order.orderId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (items.length === 0) {
    return (
      <Page title="Your cart">
        <Empty>
          <p>Your cart is empty.</p>
          <Link className="button" to="/">
            Browse produce
          </Link>
        </Empty>
      </Page>
    );
  }
  return (
    <Page
      title="Your cart"
      intro={`${groups.length} ${groups.length === 1 ? 'farm' : 'farms'}: each farm packs and ships its own box.`}
    >
      <div className="grid two checkout">
        <div className="stack">
          {groups.map((g) => (
            <section key={g.farmId} className="card" aria-labelledby={`farm-${g.farmId}`}>
              <h2 id={`farm-${g.farmId}`}>
                From <Link to={`/farms/${g.farmId}`}>{g.farmName}</Link>
              </h2>
              <ul className="plain">
                {g.items.map((i) => (
                  <CartLine key={i.listingId} item={i} problem={problems[i.listingId]} />
                ))}
              </ul>
              <p className="right">
                Produce <Price money={sum(g.items)} />
                {quote.status === 'ready' && quote.data ? (
                  <>
                    {' '}
                    · delivery{' '}
                    <Price
                      money={
                        quote.data.valueSplit.farms.find((f) => f.farmId === g.farmId)?.logisticsCost ?? {
                          amount: 0,
                          currency: sum(g.items).currency,
                        }
                      }
                    />
                  </>
                ) : null}
              </p>
            </section>
          ))}
          <section className="card" aria-labelledby="total-h">
            <h2 id="total-h">What you pay</h2>
            {quote.status === 'loading' ? <Loading what="Working out the delivery cost" /> : null}
            {quote.status === 'ready' && quote.data ? (
              <Totals quote={quote.data} farms={groups.length} />
            ) : null}
            {quote.status === 'error' && Object.keys(problems).length === 0 ? (
              <ErrorMessage error={quote.error} onRetry={quote.reload} />
            ) : null}
            <p className="muted small">
              {chosen.delivery
                ? 'The delivery fee is for the whole order: every farm\u2019s box comes on the chosen day.'
                : 'Delivery is charged per farm: each farm packs and ships its own box.'}{' '}
              The platform fee is taken from the farms&rsquo; part of the produce price, not added to what you pay.
            </p>
          </section>
        </div>
        <section className="card" aria-labelledby="checkout-h">
          <h2 id="checkout-h">Delivery</h2>
          {session?.user.role === 'buyer' ? (
            <CheckoutForm
              defaultName={session.user.name}
              remembered={rememberedDelivery(session.user.userId)}
              busy={busy}
              error={error}
              onSubmit={(d) => void place(d)}
              onDeliveryChange={onDeliveryChange}
              farms={groups.length}
            />
          ) : (
            <p>
              <Link className="button" to="/signin?next=%2Fcart">
                Sign in as a buyer to check out
              </Link>
            </p>
          )}
        </section>
      </div>
    </Page>
  );
};
