import { Fragment, useState } from 'react';
import { admin } from '../../api/admin';
import { downloadPdf } from '../../api/delivery';
import type { Reconciliation } from '../../api/types';
import { Field } from '../../components/field';
import { BusyButton } from '../../components/form';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { t, type MessageId } from '../../i18n';
import { formatDate, formatMoney } from '../../lib/format';
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

/** Per currency, ours beside the provider's: a list of facts (it reads the same at phone width as on a desk). */
const Totals = ({ r }: { r: Reconciliation }) => (
  <div className="grid two">
    {r.totals.map((c) => {
      const m = (n: number) => formatMoney({ amount: n, currency: c.currency });
      return (
        <section key={c.currency} className="card" aria-labelledby={`recon-${c.currency}-h`}>
          <h2 id={`recon-${c.currency}-h`}>{t('recon.totalsIn', { currency: c.currency })}</h2>
          <dl className="facts">
            {ROWS.map((row) => (
              <Fragment key={row.key}>
                <dt>{t(row.label)}</dt>
                <dd>
                  {t('recon.ours')} {m(c[row.key])} · {t('recon.provider')} {m(c.provider[row.key])}
                </dd>
              </Fragment>
            ))}
            <dt>{t('recon.platformFees')}</dt>
            <dd>{m(c.platformFees)}</dd>
            <dt>{t('recon.other')}</dt>
            <dd>{m(c.provider.other)}</dd>
          </dl>
        </section>
      );
    })}
  </div>
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
  // the operator's own calendar day (the service reads the day in the market's time zone)
  const [day, setDay] = useState(() => new Date().toLocaleDateString('en-CA'));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const state = useAsync(`reconciliation:${day}`, () => (valid ? admin.reconciliation(day) : Promise.resolve(null)));
  const csv = useAction();
  return (
    <Page title={t('recon.title')} intro={t('recon.intro')}>
      <AdminNav />
      <div className="row">
        <Field label={t('recon.day')} type="date" value={day} required onChange={(e) => setDay(e.target.value)} />
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
