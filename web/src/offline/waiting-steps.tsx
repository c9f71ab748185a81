import { ApiError } from '../api/client';
import { messageOf } from '../components/states';
import { t, type MessageId } from '../i18n';
import { formatDateTime } from '../lib/format';
import { dismiss } from './outbox';
import type { QueuedStep, StepAction } from './steps';

const NAME: Record<StepAction, MessageId> = {
  pickup: 'outbox.step.pickup',
  checkpoints: 'outbox.step.checkpoint',
  'out-for-delivery': 'outbox.step.outForDelivery',
  deliver: 'outbox.step.deliver',
  fail: 'outbox.step.fail',
  return: 'outbox.step.return',
};

/** A queued step in the partner's words: "Checkpoint at Zutphen". */
export const stepName = (q: QueuedStep): string =>
  t(NAME[q.action], q.action === 'checkpoints' ? { place: q.body.place } : {});

/** The refusal as the web says it (the problem's code in the person's language), then the service's own detail. */
const Refused = ({ q }: { q: QueuedStep & { refused: NonNullable<QueuedStep['refused']> } }) => {
  const said = messageOf(new ApiError(q.refused.status, q.refused.detail, [], undefined, q.refused.code));
  return (
    <li className="outbox-step refused">
      <p>
        <strong>{t('outbox.notRecorded', { step: stepName(q) })}</strong> {said}
      </p>
      {said !== q.refused.detail ? (
        <p className="small muted">
          {t('outbox.serviceSaid')} <span translate="no">{q.refused.detail}</span>
        </p>
      ) : null}
      <button
        type="button"
        className="button secondary small"
        aria-label={t('outbox.dismissAria', { step: stepName(q) })}
        onClick={() => void dismiss(q.id!)}
      >
        {t('outbox.dismiss')}
      </button>
    </li>
  );
};

/** The shipment's steps kept on this phone: waiting to send, or refused by logistics with its reason. */
export const WaitingSteps = ({ shipmentId, steps }: { shipmentId: string; steps: readonly QueuedStep[] }) => {
  const mine = steps.filter((q) => q.shipmentId === shipmentId);
  if (mine.length === 0) return null;
  const waiting = mine.filter((q) => !q.refused);
  return (
    <section className="card outbox" aria-labelledby="outbox-h">
      <h2 id="outbox-h">{t('outbox.title')}</h2>
      {waiting.length ? <p className="small">{t('outbox.intro')}</p> : null}
      <ul className="stack plain-list">
        {mine.map((q) =>
          q.refused ? (
            <Refused key={q.key} q={{ ...q, refused: q.refused }} />
          ) : (
            <li key={q.key} className="outbox-step waiting">
              <span className="badge badge-warn">{t('outbox.waiting')}</span>{' '}
              <span>{t('outbox.recordedAt', { step: stepName(q), time: formatDateTime(q.recordedAt) })}</span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
};
