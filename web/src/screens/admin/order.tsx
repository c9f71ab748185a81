import { useState, type ReactNode } from 'react';
import { dateLocale } from '../../lib/locale';
import { admin } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { AdminOrderDetail, SagaEntry } from '../../api/types';
import { Price, StatusBadge } from '../../components/bits';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { ScrollTable } from '../../components/table';
import { formatDateTime, formatMoney, parseAmount } from '../../lib/format';
import { intl } from '../../i18n';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { POLL_MS } from './home';
import { OrderContents } from './order-contents';
import { ReasonForm } from './reason-form';
import { TraceId } from './trace-id';
import { t, tx } from '../../i18n';
import { serviceName } from '../../lib/format';

const data = (c: ReactNode[]) => <span translate="no">{c}</span>;

const ENDS = ['completed', 'rejected', 'cancelled', 'expired', 'refunded'];
/** Saga steps follow each other within seconds: the timeline shows them. */
const toTheSecond = {
  format: (d: Date) =>
    new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(d),
};

interface Saga {
  detail: AdminOrderDetail;
  entries: SagaEntry[];
  /** Services whose part could not be read (down, or nothing there yet), and why. */
  missing: string[];
}

/** The three services' parts of the saga, merged in time order (the order's own, catalog's reservation, logistics'). */
const loadSaga = async (orderId: string): Promise<Saga> => {
  const detail = await admin.order(orderId);
  const [reservation, logistics] = await Promise.allSettled([
    admin.reservation(orderId),
    admin.logisticsTimeline(orderId),
  ]);
  const missing: string[] = [];
  const why = (r: PromiseRejectedResult) =>
    t(
      r.reason instanceof ApiError && r.reason.status === 404
        ? 'adminOrder.nothingRecorded'
        : 'adminOrder.unavailable',
    );
  const entries: SagaEntry[] = [...detail.entries];
  if (reservation.status === 'fulfilled') entries.push(...reservation.value.entries);
  else missing.push(t('adminOrder.missing', { service: serviceName('catalog'), why: why(reservation) }));
  if (logistics.status === 'fulfilled') entries.push(...logistics.value.entries);
  else missing.push(t('adminOrder.missing', { service: serviceName('logistics'), why: why(logistics) }));
  return { detail, entries: entries.sort((a, b) => a.at.localeCompare(b.at)), missing };
};

const RefundPanel = ({ d, onDone }: { d: AdminOrderDetail; onDone: () => void }) => {
  const [amount, setAmount] = useState('');
  const minor = amount.trim() ? parseAmount(amount) : null;
  const badAmount = amount.trim() !== '' && (minor === null || minor <= 0 || minor > d.refundable.amount);
  if (d.refundable.amount === 0) {
    return (
      <p className="muted">
        {t(d.order.payment?.status === 'succeeded' ? 'adminOrder.noRefundFull' : 'adminOrder.noRefundUnpaid')}
      </p>
    );
  }
  return (
    <ReasonForm
      label={t('adminOrder.refund')}
      danger
      submit={(reason) => admin.refund(d.order.orderId, { reason, ...(minor ? { amountMinor: minor } : {}) })}
      onDone={() => {
        setAmount('');
        onDone();
      }}
    >
      <Field
        label={t('adminOrder.amount', { currency: d.refundable.currency, all: formatMoney(d.refundable) })}
        inputMode="decimal"
        value={amount}
        maxLength={12}
        aria-invalid={badAmount}
        onChange={(e) => setAmount(e.target.value)}
        hint={
          badAmount
            ? t('adminOrder.badAmount', { max: formatMoney(d.refundable) })
            : t('adminOrder.example', { amount: intl().formatNumber(4.5, { minimumFractionDigits: 2 }) })
        }
      />
    </ReasonForm>
  );
};

export const AdminOrderScreen = ({ orderId }: { orderId: string }) => {
  const saga = useAsync(`admin-order:${orderId}`, () => loadSaga(orderId), {
    pollMs: (s) => (ENDS.includes(s.detail.order.state) ? null : POLL_MS),
  });
  return (
    <Async state={saga} page={t('adminOrder.page')} what={t('adminOrder.loading')}>
      {({ detail: d, entries, missing }) => (
        <Page
          title={t('adminOrder.title', { id: orderId.slice(0, 8) })}
          intro={tx('adminOrder.placedBy', {
            time: formatDateTime(d.order.placedAt),
            name: d.order.dropoff.contactName,
            buyer: d.order.buyerId,
            small: (c) => <span className="small">{c}</span>,
            data,
          })}
        >
          <AdminNav />
          <p>
            <Link to="/admin/orders">{t('adminOrder.all')}</Link>
          </p>
          <dl className="facts card">
            <dt>{t('adminOrder.state')}</dt>
            <dd>
              <StatusBadge status={d.order.state} />
            </dd>
            <dt>{t('adminOrder.id')}</dt>
            <dd>
              <code className="small breakable">{d.order.orderId}</code>
            </dd>
            <dt>{t('adminOrder.farms')}</dt>
            <dd>{d.order.farms.map((f) => f.farmName).join(', ')}</dd>
            <dt>{t('adminOrder.total')}</dt>
            <dd>
              <Price money={d.order.totals.total} />
            </dd>
            <dt>{t('adminOrder.payment')}</dt>
            <dd>
              {d.order.payment
                ? tx(d.order.payment.status === 'succeeded' ? 'adminOrder.paid' : 'adminOrder.notPaid', {
                    provider: <span translate="no">{d.order.payment.provider}</span>,
                  })
                : t('adminOrder.noPayment')}
            </dd>
            <dt>{t('adminOrder.refundable')}</dt>
            <dd>
              <Price money={d.refundable} />
            </dd>
            <dt>{t('adminOrder.trace')}</dt>
            <dd>
              <TraceId id={d.traceId} />
            </dd>
          </dl>
          <OrderContents order={d.order} />
          <section aria-labelledby="saga-h" className="stack">
            <h2 id="saga-h">{t('adminOrder.saga')}</h2>
            {missing.length ? (
              <p className="muted small">{t('adminOrder.notShown', { what: missing.join('; ') })}</p>
            ) : null}
            <ScrollTable
              labelledBy="saga-h"
              className="table-wrap card"
              head={[
                t('adminOrder.when'),
                t('adminOrder.service'),
                t('adminOrder.event'),
                t('adminOrder.what'),
                t('adminOrder.who'),
                t('adminOrder.trace'),
              ]}
            >
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="small">
                    <time dateTime={e.at}>{toTheSecond.format(new Date(e.at))}</time>
                  </td>
                  <td>{serviceName(e.service)}</td>
                  <td>
                    <code className="small event-name">{e.type}</code>
                  </td>
                  {/* the service's own record of the step and who took it (data, as the service wrote it) */}
                  <td className="small" translate="no">
                    {e.detail}
                  </td>
                  <td className="small" translate="no">
                    {e.who}
                  </td>
                  <td>
                    {/* each trace id once, where it first shows: the later rows of that trace say so */}
                    {!e.traceId ? (
                      <span className="muted small">—</span>
                    ) : entries.slice(0, i).some((x) => x.traceId === e.traceId) ? (
                      <span className="muted small">{t('adminOrder.same')}</span>
                    ) : (
                      <TraceId id={e.traceId} />
                    )}
                  </td>
                </tr>
              ))}
            </ScrollTable>
          </section>
          <section aria-labelledby="refunds-h" className="stack">
            <h2 id="refunds-h">{t('adminOrder.refunds')}</h2>
            {d.operatorRefunds.length === 0 ? (
              <Empty>
                <p>{t('adminOrder.noRefunds')}</p>
              </Empty>
            ) : (
              <ul className="plain stack">
                {d.operatorRefunds.map((r) => (
                  <li key={r.id} className="card spread">
                    <span>
                      <Price money={r.amount} /> — {r.reason}{' '}
                      <span className="muted small">
                        {t('adminOrder.refundBy', { by: r.by, time: formatDateTime(r.requestedAt) })}
                      </span>
                      {r.error ? (
                        <span className="bad-text small" translate="no">
                          {' '}
                          ({r.error})
                        </span>
                      ) : null}
                    </span>
                    <StatusBadge status={r.status} />
                  </li>
                ))}
              </ul>
            )}
            <RefundPanel d={d} onDone={saga.reload} />
          </section>
        </Page>
      )}
    </Async>
  );
};
