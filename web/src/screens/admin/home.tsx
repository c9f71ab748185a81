import { admin, OPERATED } from '../../api/admin';
import type { Service } from '../../api/client';
import type { ConsumerLag } from '../../api/types';
import { Page } from '../../components/page';
import { Async } from '../../components/states';
import { ScrollTable } from '../../components/table';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { t } from '../../i18n';
import { serviceName } from '../../lib/format';

/** How often the overview asks the services again (no reload needed). */
export const POLL_MS = 5_000;

interface Health {
  service: Service;
  backlog: number | null;
  lag: ConsumerLag | null;
}

const healthOf = async (service: Service): Promise<Health> => {
  const [backlog, lag] = await Promise.allSettled([admin.backlog(service), admin.lag(service)]);
  return {
    service,
    backlog: backlog.status === 'fulfilled' ? backlog.value.backlog : null,
    lag: lag.status === 'fulfilled' ? lag.value : null,
  };
};

const Num = ({ n, what }: { n: number | null; what: string }) =>
  n === null ? (
    <span className="bad-text">{t('adminHome.unavailable')}</span>
  ) : (
    <span className={n > 0 ? 'warn-text' : undefined}>
      {n}
      <span className="visually-hidden"> {what}</span>
    </span>
  );

export const AdminHomeScreen = () => {
  const health = useAsync('admin-health', () => Promise.all(OPERATED.map(healthOf)), { pollMs: () => POLL_MS });
  const stuck = useAsync('admin-stuck-count', () => admin.stuck({ olderThanMinutes: 15 }), { pollMs: () => POLL_MS * 3 });
  return (
    <Page title={t('adminHome.title')} intro={t('adminHome.intro')}>
      <AdminNav />
      <section aria-labelledby="svc-h" className="stack">
        <h2 id="svc-h">{t('adminHome.services')}</h2>
        <Async state={health} what={t('adminHome.asking')}>
          {(rows) => (
            <ScrollTable
              labelledBy="svc-h"
              className="table-wrap card"
              head={[t('adminHome.service'), t('adminHome.backlog'), t('adminHome.lag')]}
            >
              {rows.map((r) => (
                <tr key={r.service}>
                  <th scope="row">{serviceName(r.service)}</th>
                  <td>
                    <Num n={r.backlog} what={t('adminHome.notPublished')} />
                  </td>
                  <td>
                    <Num n={r.lag?.total ?? null} what={t('adminHome.notConsumed')} />
                    {r.lag?.topics.length ? (
                      <ul
                        className="plain small muted breakable"
                        aria-label={t('adminHome.lagPerTopic', { service: serviceName(r.service) })}
                      >
                        {r.lag.topics.map((x) => (
                          <li key={x.topic}>
                            <span translate="no">{x.topic}</span>: {x.lag}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </Async>
        <p className="muted small" aria-live="polite">
          {t('adminHome.explain')}
        </p>
      </section>
      <section aria-labelledby="attention-h" className="stack">
        <h2 id="attention-h">{t('adminHome.attention')}</h2>
        <ul className="plain stack">
          <li className="card spread">
            <Link to="/admin/stuck">{t('adminHome.stuckLink')}</Link>
            <Async state={stuck} what={t('adminHome.counting')}>
              {(p) => (
                <strong>
                  {p.items.length}
                  {p.nextCursor ? '+' : ''}
                </strong>
              )}
            </Async>
          </li>
          <li className="card">
            <Link to="/admin/dead-letters">{t('adminHome.deadLink')}</Link>
          </li>
        </ul>
      </section>
    </Page>
  );
};
