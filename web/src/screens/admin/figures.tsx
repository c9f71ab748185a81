import { admin } from '../../api/admin';
import type { BusinessFigures, DayFigures } from '../../api/types';
import { DayBars } from '../../components/day-bars';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDate, formatDay, formatMoney } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';

export const FIGURE_DAYS = 30;

type MoneyKey = 'paid' | 'refunded' | 'payouts' | 'fees' | 'deliveryKept' | 'open';
const COLUMNS: { key: 'orders' | 'paidOrders' | MoneyKey; label: string }[] = [
  { key: 'orders', label: 'Orders placed' },
  { key: 'paidOrders', label: 'Of which paid' },
  { key: 'paid', label: 'Sales (paid)' },
  { key: 'refunded', label: 'Refunded' },
  { key: 'payouts', label: 'Farmer payouts' },
  { key: 'fees', label: 'Platform fees' },
  { key: 'deliveryKept', label: 'Delivery kept' },
  { key: 'open', label: 'Not settled yet' },
];
const CHARTS: { key: 'orders' | MoneyKey; title: string }[] = [
  { key: 'orders', title: 'Orders placed per day' },
  { key: 'paid', title: 'Sales per day' },
  { key: 'fees', title: 'Platform fees per day' },
  { key: 'payouts', title: 'Farmer payouts per day' },
  { key: 'refunded', title: 'Refunds per day' },
];

const count = (n: number) => (n === 1 ? '1 order' : `${n} orders`);

const CurrencyFigures = ({ currency, days, only }: { currency: string; days: DayFigures[]; only: boolean }) => {
  const money = (n: number) => formatMoney({ amount: n, currency });
  const show = (key: (typeof COLUMNS)[number]['key'], n: number) => (key === 'orders' || key === 'paidOrders' ? String(n) : money(n));
  const total = (key: (typeof COLUMNS)[number]['key']) => days.reduce((n, d) => n + d[key], 0);
  const id = `figures-${currency}`;
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{only ? 'Per day' : `In ${currency}`}</h2>
      <div className="figures-grid">
        {CHARTS.map((c) => (
          <DayBars
            key={c.key}
            title={c.title}
            days={days.map((d) => ({ day: d.day, value: d[c.key] }))}
            format={c.key === 'orders' ? count : money}
          />
        ))}
      </div>
      <div className="table-wrap card" tabIndex={0} role="region" aria-labelledby={`${id}-t`}>
        <table className="figures-table">
          <caption id={`${id}-t`}>Every day, newest first ({currency})</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day}>
                <th scope="row">{formatDay(d.day)}</th>
                {COLUMNS.map((c) => (
                  <td key={c.key}>{show(c.key, d[c.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{days.length} days</th>
              {COLUMNS.map((c) => (
                <td key={c.key}>{show(c.key, total(c.key))}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small scroll-hint">The table scrolls sideways.</p>
    </section>
  );
};

const Window = ({ f }: { f: BusinessFigures }) => (
  <p className="muted">
    {formatDate(f.from)} to {formatDate(f.to)} (UTC days). Each order counts on the day it was placed, with its money
    as it stands now: sales = refunded + farmer payouts + platform fees + delivery kept + not settled yet. Fees and
    payouts are fixed when an order ends.
  </p>
);

/** The operators' business overview: the orders service sums the last 30 days' orders per day (GET /admin/figures). */
export const AdminFiguresScreen = () => {
  const figures = useAsync('admin-figures', () => admin.figures(FIGURE_DAYS));
  return (
    <Page title="Business figures" intro={`Orders and their money per day, the last ${FIGURE_DAYS} days.`}>
      <AdminNav />
      <Async state={figures} what="Summing the orders">
        {(f) => (
          <>
            <Window f={f} />
            {f.currencies.length === 0 ? (
              <Empty>
                <p>No orders were placed in these {FIGURE_DAYS} days.</p>
              </Empty>
            ) : (
              f.currencies.map((c) => (
                <CurrencyFigures key={c.currency} currency={c.currency} days={c.days} only={f.currencies.length === 1} />
              ))
            )}
          </>
        )}
      </Async>
    </Page>
  );
};
