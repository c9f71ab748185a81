import { useId, useState } from 'react';
import type { Listing } from '../../api/types';
import { useSession } from '../../auth/session';
import { useCart } from '../../lib/cart';
import { t } from '../../i18n';
import { enumText } from '../../lib/format';

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
      ? t('add.whole')
      : max >= 1 && n > max
        ? t('add.onlyMore', { max })
        : null;
  if (listing.available <= 0 || listing.status !== 'published')
    return <p className="muted">{t('add.notAvailable')}</p>;
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
        {t('add.quantity', { unit: enumText('unitName', listing.unit), title: listing.title })}
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
        aria-label={t('add.ariaLabel', { title: listing.title })}
      >
        {t('add.button')}
      </button>
      <span role="status" className="small added">
        {added ? t('add.added', { n: inCart }) : max < 1 ? t('add.allInCart') : ''}
      </span>
      {wrong ? (
        <small id={`${id}-error`} className="field-error add-error">
          {wrong}
        </small>
      ) : null}
    </form>
  );
};
