import { onboarding } from '../../api/onboarding';
import type { Application } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { SuspensionAction } from './suspendable';
import { t } from '../../i18n';

/**
 * An approved farm or partner: suspended (it sells or delivers nothing; catalog and logistics hear it from identity)
 * or reinstated, each with a reason the audit trail keeps.
 */
export const SuspensionControl = ({ a, name, onChanged }: { a: Application; name: string; onChanged: () => void }) => {
  const suspended = a.suspended ?? null;
  return (
    <div className="stack">
      {suspended ? (
        <p className="small">
          <span className="badge badge-bad">{t('suspension.suspended')}</span>{' '}
          {t('suspension.since', { time: formatDateTime(suspended.at), by: suspended.by, reason: suspended.reason })}
        </p>
      ) : null}
      <SuspensionAction
        name={name}
        suspended={Boolean(suspended)}
        change={(verb, reason) => onboarding.suspension(a.applicationId, verb, reason)}
        onChanged={onChanged}
        rowClass="row"
        buttonClass={suspended ? 'button' : 'button secondary'}
      />
    </div>
  );
};
