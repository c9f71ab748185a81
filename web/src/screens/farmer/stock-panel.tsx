import { useRef, useState } from 'react';
import { catalog } from '../../api/catalog';
import type { Listing } from '../../api/types';
import { Field, SelectField } from '../../components/field';
import { Async, ErrorMessage } from '../../components/states';
import { formatDateTime, humanize } from '../../lib/format';
import { newKey } from '../../lib/ids';
import { useAsync } from '../../lib/use-async';
import { useAction } from '../../lib/use-action';

type Stock = NonNullable<Listing['stock']>;

/** Restock or write off, with a reason; each submit carries one idempotency key, so a retry applies once. */
export const StockPanel = ({ listing, onChange }: { listing: Listing; onChange: (s: Stock) => void }) => {
  const history = useAsync(`stock:${listing.id}`, () =>
    catalog.stockHistory(listing.id).then((r) => r.items),
  );
  const [kind, setKind] = useState<'restock' | 'write_off'>('restock');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const key = useRef(newKey());
  const stock = listing.stock;

  const submit = () =>
    run(async () => {
      const r = await catalog.adjustStock(
        listing.id,
        { kind, quantity: Number(quantity), reason: reason.trim() },
        key.current,
      );
      key.current = newKey();
      setQuantity('');
      setReason('');
      onChange(r.stock);
      history.reload();
    });

  return (
    <section className="card stack" aria-labelledby="stock-h">
      <h2 id="stock-h">Stock</h2>
      {stock ? (
        <dl className="facts">
          <dt>Available</dt>
          <dd>
            {stock.available} {listing.unit}
          </dd>
          <dt>Reserved by orders</dt>
          <dd>{stock.reserved}</dd>
          <dt>Sold</dt>
          <dd>{stock.sold}</dd>
        </dl>
      ) : null}
      <form
        className="stack"
        noValidate
        aria-label="Adjust stock"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="row">
          <SelectField
            label="Adjustment"
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
          >
            <option value="restock">Restock</option>
            <option value="write_off">Write off</option>
          </SelectField>
          <Field
            label="Quantity"
            type="number"
            min={1}
            required
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <Field
          label="Reason"
          required
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint="e.g. second picking, frost damage"
        />
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button secondary" disabled={busy} aria-busy={busy}>
          Apply adjustment
        </button>
      </form>
      <h3>History</h3>
      <Async state={history} what="Loading stock history">
        {(items) =>
          items.length === 0 ? (
            <p className="muted small">No adjustments yet.</p>
          ) : (
            <ul className="plain small stack">
              {items.map((a) => (
                <li key={a.id}>
                  {humanize(a.kind)} {a.quantity} — {a.reason}{' '}
                  <span className="muted">({formatDateTime(a.at)})</span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
};
