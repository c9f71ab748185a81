import { useMemo, useRef, useState } from 'react';
import { orders } from '../../api/orders';
import { useSession } from '../../auth/session';
import { Photo, Price } from '../../components/bits';
import { Page } from '../../components/page';
import { Empty } from '../../components/states';
import { byFarm, useCart, type CartItem } from '../../lib/cart';
import { unitLabel } from '../../lib/format';
import { newKey } from '../../lib/ids';
import { Link, navigate } from '../../lib/router';
import { CheckoutForm, type CheckoutDetails } from './checkout-form';

const sum = (items: CartItem[]) => ({
  amount: items.reduce((n, i) => n + i.unitPrice.amount * i.quantity, 0),
  currency: items[0]?.unitPrice.currency ?? 'EUR',
});

const CartLine = ({ item }: { item: CartItem }) => {
  const { setQuantity, remove } = useCart();
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
        max={item.available}
        value={item.quantity}
        onChange={(e) => setQuantity(item.listingId, Math.max(1, Number(e.target.value) || 1))}
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
    </li>
  );
};

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
                  <CartLine key={i.listingId} item={i} />
                ))}
              </ul>
              <p className="right">
                Subtotal <Price money={sum(g.items)} />
              </p>
            </section>
          ))}
          <p className="right big">
            Produce total <Price money={sum(items)} />
          </p>
          <p className="muted small right">
            Delivery per farm and the platform fee are added when you place the order.
          </p>
        </div>
        <section className="card" aria-labelledby="checkout-h">
          <h2 id="checkout-h">Delivery</h2>
          {session?.user.role === 'buyer' ? (
            <CheckoutForm
              defaultName={session.user.name}
              busy={busy}
              error={error}
              onSubmit={(d) => void place(d)}
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
