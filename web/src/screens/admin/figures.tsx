import { admin } from '../../api/admin';
import type { BusinessFigures, DayFigures } from '../../api/types';
import { DayBars } from '../../components/day-bars';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDate, formatDay, formatMoney } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { intl, t, type MessageId } from '../../i18n';

export const FIGURE_DAYS = 30;

type MoneyKey = 'paid' | 'refunded' | 'payouts' | 'fees' | 'deliveryKept' | 'open';
const COLUMNS: { key: 'orders' | 'paidOrders' | MoneyKey; label: MessageId }[] = [
  { key: 'orders', label: 'figures.col.orders' },
  { key: 'paidOrders', label: 'figures.col.paidOrders' },
  { key: 'paid', label: 'figures.col.paid' },
  { key: 'refunded', label: 'figures.col.refunded' },
  { key: 'payouts', label: 'figures.col.payouts' },
  { key: 'fees', label: 'figures.col.fees' },
  { key: 'deliveryKept', label: 'figures.col.deliveryKept' },
  { key: 'open', label: 'figures.col.open' },
];
const CHARTS: { key: 'orders' | MoneyKey; title: MessageId }[] = [
  { key: 'orders', title: 'figures.chart.orders' },
  { key: 'paid', title: 'figures.chart.paid' },
  { key: 'fees', title: 'figures.chart.fees' },
  { key: 'payouts', title: 'figures.chart.payouts' },
  { key: 'refunded', title: 'figures.chart.refunded' },
];

const count = (n: number) => t('figures.orders', { n });
/** Counts in the person's language's digits and grouping. */
const number = (n: number) => intl().formatNumber(n);

const CurrencyFigures = ({ currency, days, only }: { currency: string; days: DayFigures[]; only: boolean }) => {
  const money = (n: number) => formatMoney({ amount: n, currency });
  const show = (key: (typeof COLUMNS)[number]['key'], n: number) =>
    key === 'orders' || key === 'paidOrders' ? number(n) : money(n);
  const total = (key: (typeof COLUMNS)[number]['key']) => days.reduce((n, d) => n + d[key], 0);
  const id = `figures-${currency}`;
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{only ? t('figures.perDay') : t('figures.inCurrency', { currency })}</h2>
      <div className="figures-grid">
        {CHARTS.map((c) => (
          <DayBars
            key={c.key}
            title={t(c.title)}
            days={days.map((d) => ({ day: d.day, value: d[c.key] }))}
            format={c.key === 'orders' ? count : money}
          />
        ))}
      </div>
      <div className="table-wrap card" tabIndex={0} role="region" aria-labelledby={`${id}-t`}>
        <table className="figures-table">
          <caption id={`${id}-t`}>{t('figures.caption', { currency })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.day')}</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.key}>
                  {t(c.label)}
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
              <th scope="row">{t('figures.days', { n: days.length })}</th>
              {COLUMNS.map((c) => (
                <td key={c.key}>{show(c.key, total(c.key))}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small scroll-hint">{t('figures.scrolls')}</p>
    </section>
  );
};

const Window = ({ f }: { f: BusinessFigures }) => (
  <p className="muted">
    {t('figures.window', { from: formatDate(f.from), to: formatDate(f.to) })}
  </p>
);

/** The operators' business overview: the orders service sums the last 30 days' orders per day (GET /admin/figures). */
export const AdminFiguresScreen = () => {
  const figures = useAsync('admin-figures', () => admin.figures(FIGURE_DAYS));
  return (
    <Page title={t('figures.title')} intro={t('figures.intro', { n: FIGURE_DAYS })}>
      <AdminNav />
      <Async state={figures} what={t('figures.summing')}>
        {(f) => (
          <>
            <Window f={f} />
            {f.currencies.length === 0 ? (
              <Empty>
                <p>{t('figures.none', { n: FIGURE_DAYS })}</p>
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
