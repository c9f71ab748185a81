import { useRef, useState } from 'react';
import { catalog } from '../../api/catalog';
import type { Listing } from '../../api/types';
import { Field, SelectField } from '../../components/field';
import { Async, ErrorMessage } from '../../components/states';
import { formatDateTime, humanize } from '../../lib/format';
import { newKey } from '../../lib/ids';
import { useAsync } from '../../lib/use-async';
import { useAction } from '../../lib/use-action';
import { Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

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
      <h2 id="stock-h">{t('stock.title')}</h2>
      {stock ? (
        <dl className="facts">
          <dt>{t('stock.available')}</dt>
          <dd>
            {stock.available} {listing.unit}
          </dd>
          <dt>{t('stock.reserved')}</dt>
          <dd>{stock.reserved}</dd>
          <dt>{t('stock.sold')}</dt>
          <dd>{stock.sold}</dd>
        </dl>
      ) : null}
      <Form
        className="stack"
        aria-label={t('stock.adjust')}
        onSubmit={() => {
          void submit();
        }}
      >
        <div className="row">
          <SelectField
            label={t('stock.adjustment')}
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
          >
            <option value="restock">{t('status.restock')}</option>
            <option value="write_off">{t('status.write_off')}</option>
          </SelectField>
          <Field
            label={t('farmOrders.quantity')}
            type="number"
            min={1}
            required
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <Field
          label={t('stock.reason')}
          required
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint={t('stock.reasonHint')}
        />
        {error ? <ErrorMessage error={error} /> : null}
        <SubmitButton busy={busy} className="button secondary">
          {t('stock.apply')}
        </SubmitButton>
      </Form>
      <h3>{t('stock.history')}</h3>
      <Async state={history} what={t('stock.loadingHistory')}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted small">{t('stock.none')}</p>
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
