import { useState } from 'react';
import { ApiError } from '../../api/client';
import { catalog } from '../../api/catalog';
import type { Listing, Order, OrderState } from '../../api/types';
import { ErrorMessage } from '../../components/states';
import { useCart } from '../../lib/cart';
import { quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { BusyButton } from '../../components/form';
import { t, type MessageId } from '../../i18n';

/** Orders that are done with (or ended): the buyer may order the same again. */
const PAST: OrderState[] = ['confirmed', 'completed', 'cancelled', 'expired', 'rejected', 'refunded'];

type Line = Order['lines'][number];
/** What became of one line of the old order in the cart. */
export type Outcome =
  | { kind: 'added'; line: Line; quantity: number }
  | { kind: 'short'; line: Line; quantity: number; available: number }
  | { kind: 'gone'; line: Line; why: MessageId };

/** A listing as it is now against what was ordered: all of it, what is left of it, or nothing (and why). */
export const outcomeOf = (line: Line, listing: Listing | null): Outcome => {
  if (!listing) return { kind: 'gone', line, why: 'reorder.noLongerSold' };
  if (listing.status !== 'published')
    return {
      kind: 'gone',
      line,
      why: listing.status === 'paused' ? 'reorder.paused' : 'reorder.noLongerSold',
    };
  if (listing.available <= 0) return { kind: 'gone', line, why: 'reorder.soldOut' };
  if (listing.available < line.quantity)
    return { kind: 'short', line, quantity: listing.available, available: listing.available };
  return { kind: 'added', line, quantity: line.quantity };
};

const listingNow = async (listingId: string): Promise<Listing | null> => {
  try {
    return (await catalog.listing(listingId)).listing;
  } catch (err) {
    // a listing whose farm was suspended (or that is gone) is not found: it cannot be ordered again
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
};

const Result = ({ outcomes }: { outcomes: Outcome[] }) => {
  const added = outcomes.filter((o) => o.kind !== 'gone');
  const short = outcomes.filter((o) => o.kind === 'short');
  const gone = outcomes.filter((o) => o.kind === 'gone');
  return (
    <div className="state stack reorder-result" role="status">
      <p>
        <strong>
          {added.length === 0
            ? t('reorder.nothing')
            : added.length === outcomes.length && short.length === 0
              ? t('reorder.everything')
              : t('reorder.some', { n: added.length, of: outcomes.length })}
        </strong>
      </p>
      {short.length || gone.length ? (
        <ul className="small">
          {short.map((o) => (
            <li key={o.line.listingId}>
              {t('reorder.short', {
                title: o.line.title,
                left: quantityText(o.available, o.line.unit),
                now: quantityText(o.quantity, o.line.unit),
                before: quantityText(o.line.quantity, o.line.unit),
              })}
            </li>
          ))}
          {gone.map((o) => (
            <li key={o.line.listingId}>
              {t('reorder.gone', { title: o.line.title, why: t(o.why) })}
            </li>
          ))}
        </ul>
      ) : null}
      {added.length ? (
        <p>
          <Link className="button" to="/cart">
            {t('reorder.goToCart')}
          </Link>
        </p>
      ) : null}
    </div>
  );
};

/**
 * "Order again": the old order's products as they are sold now go into the cart (in the old quantities, or what is
 * left), and the screen names what could not be added and why; the buyer checks out as usual from the cart.
 */
export const OrderAgain = ({ order }: { order: Order }) => {
  const cart = useCart();
  const act = useAction();
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  if (!PAST.includes(order.state)) return null;
  const again = () =>
    act.run(async () => {
      const now = await Promise.all(order.lines.map((l) => listingNow(l.listingId)));
      const result = order.lines.map((l, i) => outcomeOf(l, now[i] ?? null));
      for (const [i, o] of result.entries()) {
        const listing = now[i];
        if (o.kind === 'gone' || !listing) continue;
        const inCart = cart.items.find((c) => c.listingId === o.line.listingId);
        if (inCart) cart.setQuantity(o.line.listingId, o.quantity);
        else cart.add(listing, o.quantity);
      }
      setOutcomes(result);
    });
  return (
    <div className="stack order-again">
      <BusyButton
        busy={act.busy}
        className="button secondary"
        onClick={() => void again()}
      >
        {t('reorder.again')}
      </BusyButton>
      {act.error ? <ErrorMessage error={act.error} /> : null}
      {outcomes ? <Result outcomes={outcomes} /> : null}
    </div>
  );
};
