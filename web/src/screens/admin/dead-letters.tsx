import { useState } from 'react';
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

/** Reading dead letters scans their topics: asked again every 15 s, not every 5. */
const DLQ_POLL_MS = 15_000;

const Letter = ({ service, dl, onReplayed }: { service: Service; dl: DeadLetter; onReplayed: (note: string) => void }) => {
  const [open, setOpen] = useState(false);
  const where = `${dl.topic}[${dl.partition}]@${dl.offset}`;
  return (
    <li className="card stack">
      <div className="spread">
        <strong>
          <code className="small">{dl.type ?? 'unknown event type'}</code>
        </strong>
        <span className="muted small">{dl.failedAt ? formatDateTime(dl.failedAt) : where}</span>
      </div>
      <p className="bad-text small">{dl.error ?? 'no error recorded'}</p>
      <p className="muted small">
        From {dl.sourceTopic}
        {dl.key ? (
          <>
            {' '}
            · key{' '}
            {/* Saga topics are keyed by the order id; the listings topic by the listing id. */}
            {dl.sourceTopic.includes('.listings.') ? dl.key : <Link to={`/admin/orders/${dl.key}`}>{dl.key}</Link>}
          </>
        ) : null}{' '}
        · event {dl.eventId ?? 'without id'} · {where}
      </p>
      {open ? (
        <ReasonForm
          label="Replay now"
          reasonLabel="Why replay it (what was fixed)"
          submit={(reason) =>
            admin.replay(service, { topic: dl.sourceTopic, partition: dl.partition, offset: dl.offset, reason })
          }
          onDone={() => {
            setOpen(false);
            onReplayed(`Replayed ${dl.type ?? 'the message'} to ${dl.sourceTopic}.`);
          }}
        />
      ) : (
        <div>
          <button
            type="button"
            className="button secondary"
            onClick={() => setOpen(true)}
            aria-label={`Replay ${dl.type ?? 'message'} at ${where}`}
          >
            Replay…
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
      <h2 id={`dlq-${service}`}>{service}</h2>
      <p role="status" className="ok-text small">
        {note}
      </p>
      <Async state={list} what={`Reading ${service}'s dead letters`}>
        {({ deadLetters }) =>
          deadLetters.length === 0 ? (
            <Empty>
              <p>No dead letters.</p>
            </Empty>
          ) : (
            <ul className="plain stack" aria-label={`Dead letters of ${service}`}>
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
    title="Dead letters"
    intro="Messages a service could not process, with the error. Replay one once its cause is fixed: consumers are idempotent, so a replay never applies twice."
  >
    <AdminNav />
    {OPERATED.map((s) => (
      <ServiceLetters key={s} service={s} />
    ))}
  </Page>
);
