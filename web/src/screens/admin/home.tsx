import { admin, OPERATED } from '../../api/admin';
import type { Service } from '../../api/client';
import type { ConsumerLag } from '../../api/types';
import { Page } from '../../components/page';
import { Async } from '../../components/states';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';

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
    <span className="bad-text">unavailable</span>
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
    <Page title="Back office" intro="What every service is working through, refreshed every few seconds.">
      <AdminNav />
      <section aria-labelledby="svc-h" className="stack">
        <h2 id="svc-h">Services</h2>
        <Async state={health} what="Asking the services">
          {(rows) => (
            <div className="table-wrap card" tabIndex={0} role="region" aria-labelledby="svc-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Outbox backlog</th>
                    <th scope="col">Consumer lag</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.service}>
                      <th scope="row">{r.service}</th>
                      <td>
                        <Num n={r.backlog} what="events not yet published" />
                      </td>
                      <td>
                        <Num n={r.lag?.total ?? null} what="messages not yet consumed" />
                        {r.lag?.topics.length ? (
                          <ul className="plain small muted breakable" aria-label={`${r.service}: lag per topic`}>
                            {r.lag.topics.map((t) => (
                              <li key={t.topic}>
                                {t.topic}: {t.lag}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
        <p className="muted small" aria-live="polite">
          Backlog: events written but not yet published. Lag: messages the service has not processed yet.
        </p>
      </section>
      <section aria-labelledby="attention-h" className="stack">
        <h2 id="attention-h">Needs attention</h2>
        <ul className="plain stack">
          <li className="card spread">
            <Link to="/admin/stuck">Orders unchanged for more than 15 minutes</Link>
            <Async state={stuck} what="Counting">
              {(p) => (
                <strong>
                  {p.items.length}
                  {p.nextCursor ? '+' : ''}
                </strong>
              )}
            </Async>
          </li>
          <li className="card">
            <Link to="/admin/dead-letters">Dead letters of every service, with their errors and a replay</Link>
          </li>
        </ul>
      </section>
    </Page>
  );
};
