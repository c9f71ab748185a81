import { useState } from 'react';
import { onboarding } from '../../api/onboarding';
import type { Application } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { ReasonForm } from './reason-form';
import { t } from '../../i18n';

/**
 * An approved farm or partner: suspended (it sells or delivers nothing; catalog and logistics hear it from identity)
 * or reinstated, each with a reason the audit trail keeps.
 */
export const SuspensionControl = ({ a, name, onChanged }: { a: Application; name: string; onChanged: () => void }) => {
  const [open, setOpen] = useState(false);
  const suspended = a.suspended ?? null;
  const verb = suspended ? 'reinstate' : 'suspend';
  return (
    <div className="stack">
      {suspended ? (
        <p className="small">
          <span className="badge badge-bad">{t('suspension.suspended')}</span>{' '}
          {t('suspension.since', { time: formatDateTime(suspended.at), by: suspended.by, reason: suspended.reason })}
        </p>
      ) : null}
      {open ? (
        <ReasonForm
          label={t(suspended ? 'suspension.reinstate' : 'suspension.suspend', { name })}
          danger={!suspended}
          submit={(reason) => onboarding.suspension(a.applicationId, verb, reason)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : (
        <div className="row">
          <button
            type="button"
            className={suspended ? 'button' : 'button secondary'}
            onClick={() => setOpen(true)}
            aria-label={t(suspended ? 'suspension.reinstateAria' : 'suspension.suspendAria', { name })}
          >
            {t(suspended ? 'suspension.reinstateButton' : 'suspension.suspendButton')}
          </button>
        </div>
      )}
    </div>
  );
};
