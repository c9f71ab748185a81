import { useState } from 'react';
import { dateLocale } from '../../lib/locale';
import { admin } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { AdminOrderDetail, SagaEntry } from '../../api/types';
import { Price, StatusBadge } from '../../components/bits';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime, formatMoney, parseAmount } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { POLL_MS } from './home';
import { OrderContents } from './order-contents';
import { ReasonForm } from './reason-form';
import { TraceId } from './trace-id';

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
    r.reason instanceof ApiError && r.reason.status === 404 ? 'nothing recorded yet' : 'unavailable';
  const entries: SagaEntry[] = [...detail.entries];
  if (reservation.status === 'fulfilled') entries.push(...reservation.value.entries);
  else missing.push(`catalog: ${why(reservation)}`);
  if (logistics.status === 'fulfilled') entries.push(...logistics.value.entries);
  else missing.push(`logistics: ${why(logistics)}`);
  return { detail, entries: entries.sort((a, b) => a.at.localeCompare(b.at)), missing };
};

const RefundPanel = ({ d, onDone }: { d: AdminOrderDetail; onDone: () => void }) => {
  const [amount, setAmount] = useState('');
  const minor = amount.trim() ? parseAmount(amount) : null;
  const badAmount = amount.trim() !== '' && (minor === null || minor <= 0 || minor > d.refundable.amount);
  if (d.refundable.amount === 0) {
    return (
      <p className="muted">
        Nothing can be refunded:{' '}
        {d.order.payment?.status === 'succeeded' ? 'it was refunded in full.' : 'nothing was paid.'}
      </p>
    );
  }
  return (
    <ReasonForm
      label="Refund"
      danger
      submit={(reason) => admin.refund(d.order.orderId, { reason, ...(minor ? { amountMinor: minor } : {}) })}
      onDone={() => {
        setAmount('');
        onDone();
      }}
    >
      <Field
        label={`Amount in ${d.refundable.currency} (empty: all of ${formatMoney(d.refundable)})`}
        inputMode="decimal"
        value={amount}
        maxLength={12}
        aria-invalid={badAmount}
        onChange={(e) => setAmount(e.target.value)}
        hint={
          badAmount ? `Enter an amount above 0 and at most ${formatMoney(d.refundable)}.` : 'For example 4.50'
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
    <Async state={saga} page="Order" what="Loading the order">
      {({ detail: d, entries, missing }) => (
        <Page
          title={`Order ${orderId.slice(0, 8)}`}
          intro={
            <>
              Placed {formatDateTime(d.order.placedAt)} by {d.order.dropoff.contactName}{' '}
              <span className="small">(buyer {d.order.buyerId})</span>
            </>
          }
        >
          <AdminNav />
          <p>
            <Link to="/admin/orders">All orders</Link>
          </p>
          <dl className="facts card">
            <dt>State</dt>
            <dd>
              <StatusBadge status={d.order.state} />
            </dd>
            <dt>Order id</dt>
            <dd>
              <code className="small breakable">{d.order.orderId}</code>
            </dd>
            <dt>Farms</dt>
            <dd>{d.order.farms.map((f) => f.farmName).join(', ')}</dd>
            <dt>Total</dt>
            <dd>
              <Price money={d.order.totals.total} />
            </dd>
            <dt>Payment</dt>
            <dd>
              {d.order.payment
                ? `${d.order.payment.status === 'succeeded' ? 'paid' : 'not paid yet'} (${d.order.payment.provider})`
                : 'none yet'}
            </dd>
            <dt>Can still be refunded</dt>
            <dd>
              <Price money={d.refundable} />
            </dd>
            <dt>Trace</dt>
            <dd>
              <TraceId id={d.traceId} />
            </dd>
          </dl>
          <OrderContents order={d.order} />
          <section aria-labelledby="saga-h" className="stack">
            <h2 id="saga-h">Saga timeline</h2>
            {missing.length ? <p className="muted small">Not shown: {missing.join('; ')}.</p> : null}
            <div className="table-wrap card" tabIndex={0} role="region" aria-labelledby="saga-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Service</th>
                    <th scope="col">Event</th>
                    <th scope="col">What</th>
                    <th scope="col">Who</th>
                    <th scope="col">Trace</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e, i) => (
                    <tr key={`${e.at}-${i}`}>
                      <td className="small">
                        <time dateTime={e.at}>{toTheSecond.format(new Date(e.at))}</time>
                      </td>
                      <td>{e.service}</td>
                      <td>
                        <code className="small event-name">{e.type}</code>
                      </td>
                      <td className="small">{e.detail}</td>
                      <td className="small">{e.who}</td>
                      <td>
                        {/* each trace id once, where it first shows: the later rows of that trace say so */}
                        {!e.traceId ? (
                          <span className="muted small">—</span>
                        ) : entries.slice(0, i).some((x) => x.traceId === e.traceId) ? (
                          <span className="muted small">same</span>
                        ) : (
                          <TraceId id={e.traceId} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="refunds-h" className="stack">
            <h2 id="refunds-h">Refunds</h2>
            {d.operatorRefunds.length === 0 ? (
              <Empty>
                <p>No operator refunds yet.</p>
              </Empty>
            ) : (
              <ul className="plain stack">
                {d.operatorRefunds.map((r) => (
                  <li key={r.id} className="card spread">
                    <span>
                      <Price money={r.amount} /> — {r.reason}{' '}
                      <span className="muted small">
                        by {r.by}, {formatDateTime(r.requestedAt)}
                      </span>
                      {r.error ? <span className="bad-text small"> ({r.error})</span> : null}
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
