import { useEffect } from 'react';
import './outbox.css';
import { t } from '../i18n';
import { startOutbox, useOutbox } from './outbox';

/** The header's count of a partner's steps kept on this phone (starts the outbox for them). */
export const OutboxCount = ({ userId }: { userId: string }) => {
  useEffect(() => {
    startOutbox(userId);
    return () => startOutbox(null);
  }, [userId]);
  const { steps } = useOutbox();
  const waiting = steps.filter((q) => !q.refused).length;
  const refused = steps.length - waiting;
  if (steps.length === 0) return null;
  return (
    <span className="outbox-count" role="status">
      {waiting ? <span className="badge badge-warn">{t('outbox.waitingCount', { n: waiting })}</span> : null}
      {refused ? <span className="badge badge-bad">{t('outbox.refusedCount', { n: refused })}</span> : null}
    </span>
  );
};
