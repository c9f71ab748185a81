import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { orders } from '../../api/orders';
import type { Quote } from '../../api/types';
import { useSession } from '../../auth/session';
import { Photo, Price } from '../../components/bits';
import { Page } from '../../components/page';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { byFarm, useCart, type CartItem } from '../../lib/cart';
import { enumText, formatDay, quantityText, unitLabel } from '../../lib/format';
import { newKey } from '../../lib/ids';
import { rememberDelivery, rememberedDelivery } from '../../lib/remembered-address';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { CheckoutForm, type CheckoutDetails } from './checkout-form';
import type { DeliveryInput } from './delivery-choice';
import { t, tx } from '../../i18n';

const sum = (items: CartItem[]) => ({
  amount: items.reduce((n, i) => n + i.unitPrice.amount * i.quantity, 0),
  currency: items[0]?.unitPrice.currency ?? 'EUR',
});

/** Why a typed quantity cannot be ordered, or null when it can. */
const quantityProblem = (text: string, item: CartItem): string | null => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1)
    return t('cart.whole');
  if (item.available > 0 && n > item.available)
    return t('cart.onlyLeft', { quantity: quantityText(item.available, item.unit), n: item.available });
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
        {t('cart.quantityOf', { title: item.title, unit: enumText('unitName', item.unit) })}
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
        aria-label={t('cart.removeAria', { title: item.title })}
      >
        {t('cart.remove')}
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
        ? t('cart.checkingAgain')
        : t('cart.noLongerOnSale');
  }
  return out;
};

/** What the buyer will pay, before placing: the orders service prices it as it will price the order. */
const Totals = ({ quote, farms }: { quote: Quote; farms: number }) => (
  <dl className="facts totals">
    <dt>{t('cart.produce')}</dt>
    <dd>
      <Price money={quote.totals.goods} />
    </dd>
    <dt>
      {quote.delivery
        ? t('cart.deliveryOn', {
            day: formatDay(quote.delivery.day),
            pickup: quote.delivery.drop.kind === 'pickup_point',
            place: quote.delivery.drop.kind === 'pickup_point' ? quote.delivery.drop.name : '',
            moved: Boolean(quote.delivery.moved),
          })
        : t('cart.deliveryPerFarm', { farms })}
    </dt>
    <dd>
      <Price money={quote.totals.delivery} />
    </dd>
    <dt>{t('cart.totalToPay')}</dt>
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
      <Page title={t('cart.title')}>
        <Empty>
          <p>{t('cart.empty')}</p>
          <Link className="button" to="/">
            {t('cart.browse')}
          </Link>
        </Empty>
      </Page>
    );
  }
  return (
    <Page
      title={t('cart.title')}
      intro={t('cart.intro', { n: groups.length })}
    >
      <div className="grid two checkout">
        <div className="stack">
          {groups.map((g) => (
            <section key={g.farmId} className="card" aria-labelledby={`farm-${g.farmId}`}>
              <h2 id={`farm-${g.farmId}`}>
                {tx('cart.from', { farm: <Link to={`/farms/${g.farmId}`}>{g.farmName}</Link> })}
              </h2>
              <ul className="plain">
                {g.items.map((i) => (
                  <CartLine key={i.listingId} item={i} problem={problems[i.listingId]} />
                ))}
              </ul>
              <p className="right">
                {t('cart.produce')} <Price money={sum(g.items)} />
                {quote.status === 'ready' && quote.data ? (
                  <>
                    {' '}
                    · {t('cart.deliveryWord')}{' '}
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
            <h2 id="total-h">{t('cart.whatYouPay')}</h2>
            {quote.status === 'loading' ? <Loading what={t('cart.workingOut')} /> : null}
            {quote.status === 'ready' && quote.data ? (
              <Totals quote={quote.data} farms={groups.length} />
            ) : null}
            {quote.status === 'error' && Object.keys(problems).length === 0 ? (
              <ErrorMessage error={quote.error} onRetry={quote.reload} />
            ) : null}
            <p className="muted small">
              {chosen.delivery ? t('cart.feeWhole') : t('cart.feePerFarm')} {t('cart.platformFee')}
            </p>
          </section>
        </div>
        <section className="card" aria-labelledby="checkout-h">
          <h2 id="checkout-h">{t('cart.delivery')}</h2>
          {session?.user.role === 'buyer' ? (
            <CheckoutForm
              defaultName={session.user.name}
              remembered={rememberedDelivery(session.user.userId)}
              busy={busy}
              error={error}
              onSubmit={(d) => void place(d)}
              onDeliveryChange={onDeliveryChange}
              farms={groups.length}
              currency={sum(items).currency}
            />
          ) : (
            <p>
              <Link className="button" to="/signin?next=%2Fcart">
                {t('cart.signInToCheckOut')}
              </Link>
            </p>
          )}
        </section>
      </div>
    </Page>
  );
};
