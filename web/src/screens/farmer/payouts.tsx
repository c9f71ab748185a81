import { orders } from '../../api/orders';
import { Price, PriceCell, ShareBar, StatusBadge } from '../../components/bits';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { ShowMore } from '../../components/show-more';
import { useAsync } from '../../lib/use-async';
import { usePaged } from '../../lib/use-paged';
import { MyFarmPage } from './my-farm-page';
import { ReportsCard } from './reports-card';
import { t } from '../../i18n';

const Payouts = ({ farmId }: { farmId: string }) => {
  const { state, more, busy, error } = usePaged(
    `payouts:${farmId}`,
    (cursor) => orders.farmPayouts(farmId, cursor),
    (p) => p.orderId,
  );
  const totals = useAsync(`payout-totals:${farmId}`, () => orders.farmPayoutTotals(farmId));
  return (
    <Async state={totals} what={t('payouts.loading')}>
      {({ totals: sums }) =>
        sums.length === 0 ? (
          <Empty>
            <p>{t('payouts.none')}</p>
          </Empty>
        ) : (
          <>
            <div className="grid two">
              {sums.map((s) => (
                <section key={s.currency} className="card" aria-label={t('payouts.totalsIn', { currency: s.currency })}>
                  <h2>{t('payouts.totals', { currency: s.currency })}</h2>
                  <dl className="facts">
                    <dt>{t('payouts.sales')}</dt>
                    <dd>
                      <Price money={s.gross} />
                    </dd>
                    <dt>{t('payouts.platformFee')}</dt>
                    <dd>
                      <Price money={s.platformFee} />
                    </dd>
                    <dt>{t('payouts.paidToYou')}</dt>
                    <dd>
                      <Price money={s.paid} />
                    </dd>
                    <dt>{t('payouts.pending')}</dt>
                    <dd>
                      <Price money={s.pending} />
                    </dd>
                    <dt>{t('payouts.transfers')}</dt>
                    <dd>{s.transfers}</dd>
                  </dl>
                  {s.gross.amount > 0 ? (
                    <ShareBar percent={s.farmShareOfProducePercent} label={t('split.share')} />
                  ) : null}
                </section>
              ))}
            </div>
            <Async state={state} what={t('payouts.loading')}>
              {(d) => (
                <>
                  <div
                    className="table-wrap card"
                    tabIndex={0}
                    role="region"
                    aria-label={t('payouts.tableAria')}
                  >
                    <table>
                      <caption>{t('payouts.caption')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('payouts.order')}</th>
                          <th scope="col">{t('payouts.sales')}</th>
                          <th scope="col">{t('payouts.fee')}</th>
                          <th scope="col">{t('payouts.youReceive')}</th>
                          <th scope="col">{t('payouts.status')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.all.map((p) => (
                          <tr key={p.orderId}>
                            <th scope="row">
                              {t('orders.orderOf', { name: formatDateTime(p.placedAt) })}
                              {p.paidAt ? (
                                <span className="muted small block">
                                  {t('payouts.paidAt', { time: formatDateTime(p.paidAt) })}
                                </span>
                              ) : null}
                            </th>
                            <PriceCell money={p.gross} />
                            <PriceCell money={p.platformFee} />
                            <PriceCell money={p.amount} />
                            <td>
                              <StatusBadge status={p.status} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {d.all.length === 0 ? (
                      <p className="muted">
                        {t('payouts.noTransfers')}
                      </p>
                    ) : null}
                  </div>
                  <ShowMore
                    next={d.next}
                    busy={busy}
                    error={error}
                    onMore={() => void more()}
                    label={t('payouts.older')}
                  />
                </>
              )}
            </Async>
          </>
        )
      }
    </Async>
  );
};

export const PayoutsScreen = () => (
  <MyFarmPage title={t('nav.payouts')} intro={t('payouts.intro')}>
    {(farmId) => (
      <>
        <Payouts farmId={farmId} />
        <ReportsCard farmId={farmId} />
      </>
    )}
  </MyFarmPage>
);
