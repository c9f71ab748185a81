import { useId, useState } from 'react';
import type { Listing } from '../../api/types';
import { useSession } from '../../auth/session';
import { useCart } from '../../lib/cart';

/** Quantity and "Add to cart"; buyers and guests only (a guest signs in at checkout). */
export const AddToCart = ({ listing, compact = false }: { listing: Listing; compact?: boolean }) => {
  const { session } = useSession();
  const { add, items } = useCart();
  const [quantity, setQuantity] = useState('1');
  const [added, setAdded] = useState(false);
  const id = useId();
  const role = session?.user.role;
  if (role && role !== 'buyer') return null;
  const inCart = items.find((i) => i.listingId === listing.id)?.quantity ?? 0;
  const max = Math.max(0, listing.available - inCart);
  const n = Number(quantity);
  const wrong =
    quantity.trim() === '' || !Number.isInteger(n) || n < 1
      ? 'Enter a whole number of 1 or more.'
      : max >= 1 && n > max
        ? `Only ${max} more can be added.`
        : null;
  if (listing.available <= 0 || listing.status !== 'published')
    return <p className="muted">Not available to order right now.</p>;
  return (
    <form
      className={`add-to-cart ${compact ? 'compact' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (wrong) return;
        add(listing, n);
        setAdded(true);
      }}
    >
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        Quantity ({listing.unit}) of {listing.title}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={Math.max(1, max)}
        value={quantity}
        aria-invalid={wrong ? true : undefined}
        aria-describedby={wrong ? `${id}-error` : undefined}
        onChange={(e) => {
          setQuantity(e.target.value);
          setAdded(false);
        }}
      />
      <button
        type="submit"
        className="button"
        disabled={max < 1}
        aria-label={`Add to cart: ${listing.title}`}
      >
        Add to cart
      </button>
      <span role="status" className="small added">
        {added ? `Added · ${inCart} in cart` : max < 1 ? 'All available stock is in your cart' : ''}
      </span>
      {wrong ? (
        <small id={`${id}-error`} className="field-error add-error">
          {wrong}
        </small>
      ) : null}
    </form>
  );
};
