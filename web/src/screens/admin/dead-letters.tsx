import { useState, type ReactNode } from 'react';
import { admin, OPERATED } from '../../api/admin';
import type { Service } from '../../api/client';
import type { DeadLetter } from '../../api/types';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { ReasonForm } from './reason-form';
import { t, tx } from '../../i18n';
import { serviceName } from '../../lib/format';

const data = (c: ReactNode[]) => <span translate="no">{c}</span>;

/** Reading dead letters scans their topics: asked again every 15 s, not every 5. */
const DLQ_POLL_MS = 15_000;

const Letter = ({ service, dl, onReplayed }: { service: Service; dl: DeadLetter; onReplayed: (note: string) => void }) => {
  const [open, setOpen] = useState(false);
  const where = `${dl.topic}[${dl.partition}]@${dl.offset}`;
  return (
    <li className="card stack">
      <div className="spread">
        <strong>
          {dl.type ? <code className="small">{dl.type}</code> : t('dlq.unknownType')}
        </strong>
        <span className="muted small" translate="no">
          {dl.failedAt ? formatDateTime(dl.failedAt) : where}
        </span>
      </div>
      {/* the consumer's error, as the service wrote it */}
      <p className="bad-text small" translate={dl.error ? 'no' : undefined}>
        {dl.error ?? t('dlq.noError')}
      </p>
      <p className="muted small">
        {tx('dlq.from', { topic: dl.sourceTopic, data })}
        {dl.key ? (
          <>
            {' '}
            · {t('dlq.key')}{' '}
            {/* Saga topics are keyed by the order id; the listings topic by the listing id. */}
            <span translate="no">
              {dl.sourceTopic.includes('.listings.') ? dl.key : <Link to={`/admin/orders/${dl.key}`}>{dl.key}</Link>}
            </span>
          </>
        ) : null}{' '}
        · {dl.eventId ? tx('dlq.event', { id: dl.eventId, data }) : t('dlq.withoutId')} ·{' '}
        <span translate="no">{where}</span>
      </p>
      {open ? (
        <ReasonForm
          label={t('dlq.replayNow')}
          reasonLabel={t('dlq.why')}
          submit={(reason) =>
            admin.replay(service, { topic: dl.sourceTopic, partition: dl.partition, offset: dl.offset, reason })
          }
          onDone={() => {
            setOpen(false);
            onReplayed(t('dlq.replayed', { type: dl.type ?? t('dlq.theMessage'), topic: dl.sourceTopic }));
          }}
        />
      ) : (
        <div>
          <button
            type="button"
            className="button secondary"
            onClick={() => setOpen(true)}
            aria-label={t('dlq.replayAria', { type: dl.type ?? t('dlq.message'), where })}
          >
            {t('dlq.replay')}
          </button>
        </div>
      )}
    </li>
  );
};

const ServiceLetters = ({ service }: { service: Service }) => {
  const list = useAsync(`dlq:${service}`, () => admin.deadLetters(service), { pollMs: () => DLQ_POLL_MS });
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby={`dlq-${service}`} className="stack">
      <h2 id={`dlq-${service}`}>{serviceName(service)}</h2>
      <p role="status" className="ok-text small">
        {note}
      </p>
      <Async state={list} what={t('dlq.reading', { service: serviceName(service) })}>
        {({ deadLetters }) =>
          deadLetters.length === 0 ? (
            <Empty>
              <p>{t('dlq.none')}</p>
            </Empty>
          ) : (
            <ul className="plain stack" aria-label={t('dlq.of', { service: serviceName(service) })}>
              {deadLetters.map((dl) => (
                <Letter key={`${dl.topic}-${dl.partition}-${dl.offset}`} service={service} dl={dl} onReplayed={setNote} />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
};

export const DeadLettersScreen = () => (
  <Page
    title={t('dlq.title')}
    intro={t('dlq.intro')}
  >
    <AdminNav />
    {OPERATED.map((s) => (
      <ServiceLetters key={s} service={s} />
    ))}
  </Page>
);
