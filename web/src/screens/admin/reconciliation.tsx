import { useState } from 'react';
import { admin } from '../../api/admin';
import { downloadPdf } from '../../api/delivery';
import type { Reconciliation } from '../../api/types';
import { Field } from '../../components/field';
import { BusyButton } from '../../components/form';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { t, type MessageId } from '../../i18n';
import { formatDate, formatMoney, todayIso } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';

const ROWS: { key: 'payments' | 'refunds' | 'payouts'; label: MessageId }[] = [
  { key: 'payments', label: 'recon.payments' },
  { key: 'refunds', label: 'recon.refunds' },
  { key: 'payouts', label: 'recon.payouts' },
];
const PROBLEM: Record<Reconciliation['mismatches'][number]['problem'], MessageId> = {
  missing_at_provider: 'recon.missingAtProvider',
  missing_in_records: 'recon.missingInRecords',
  amount_differs: 'recon.amountDiffers',
};
const KIND: Record<Reconciliation['mismatches'][number]['kind'], MessageId> = {
  payment: 'recon.kind.payment',
  refund: 'recon.kind.refund',
  payout: 'recon.kind.payout',
};

const Totals = ({ r }: { r: Reconciliation }) => (
  <>
    {r.totals.map((c) => {
      const m = (n: number) => formatMoney({ amount: n, currency: c.currency });
      return (
        <div key={c.currency} className="table-wrap card" tabIndex={0} role="region" aria-label={t('recon.totalsIn', { currency: c.currency })}>
          <table>
            <caption>{t('recon.totalsIn', { currency: c.currency })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recon.what')}</th>
                <th scope="col">{t('recon.ours')}</th>
                <th scope="col">{t('recon.provider')}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(row.label)}</th>
                  <td>{m(c[row.key])}</td>
                  <td>{m(c.provider[row.key])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('recon.platformFees')}</th>
                <td>{m(c.platformFees)}</td>
                <td>—</td>
              </tr>
              <tr>
                <th scope="row">{t('recon.other')}</th>
                <td>—</td>
                <td>{m(c.provider.other)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      );
    })}
  </>
);

const Mismatches = ({ r }: { r: Reconciliation }) =>
  r.mismatches.length === 0 ? (
    <p role="status" className="lead">
      {t('recon.allMatch', { n: r.matched })}
    </p>
  ) : (
    <section className="card stack" aria-labelledby="recon-mismatches-h">
      <h2 id="recon-mismatches-h">{t('recon.mismatches', { n: r.mismatches.length })}</h2>
      <ul className="plain stack">
        {r.mismatches.map((x) => (
          <li key={`${x.problem}-${x.kind}-${x.ref}-${x.transactionId ?? ''}`}>
            <strong>{t(PROBLEM[x.problem])}</strong> · {t(KIND[x.kind])} <code>{x.ref || '—'}</code>
            <span className="muted small block">
              {x.orderId ? `${t('recon.order')} ${x.orderId.slice(0, 8)} · ` : ''}
              {x.ours !== undefined ? `${t('recon.ours')} ${formatMoney({ amount: x.ours, currency: x.currency })}` : ''}
              {x.ours !== undefined && x.theirs !== undefined ? ' · ' : ''}
              {x.theirs !== undefined ? `${t('recon.provider')} ${formatMoney({ amount: x.theirs, currency: x.currency })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );

/** The operators' reconciliation of a day (issue #33): our records against the payment provider's, every mismatch listed. */
export const ReconciliationScreen = () => {
  const [day, setDay] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const state = useAsync(`reconciliation:${day}`, () => (valid ? admin.reconciliation(day) : Promise.resolve(null)));
  const csv = useAction();
  return (
    <Page title={t('recon.title')} intro={t('recon.intro')}>
      <AdminNav />
      <div className="row">
        <Field label={t('recon.day')} type="date" value={day} max={todayIso()} required onChange={(e) => setDay(e.target.value)} />
        <BusyButton
          busy={csv.busy}
          disabled={!valid}
          className="button secondary"
          onClick={() => void csv.run(() => downloadPdf('orders', `/admin/reconciliation.csv?day=${day}`, `reconciliation-${day}.csv`))}
        >
          {t('recon.csv')}
        </BusyButton>
      </div>
      {csv.error ? <ErrorMessage error={csv.error} /> : null}
      <Async state={state} what={t('recon.loading')}>
        {(r) =>
          !r ? null : r.records === 0 && r.transactions === 0 ? (
            <Empty>
              <p>{t('recon.none', { day: formatDate(r.day) })}</p>
            </Empty>
          ) : (
            <>
              <p className="muted">{t('recon.counts', { records: r.records, transactions: r.transactions, provider: r.provider })}</p>
              <Mismatches r={r} />
              <Totals r={r} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
