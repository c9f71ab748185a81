import { useState } from 'react';
import { onboarding } from '../../api/onboarding';
import type { Application } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { ReasonForm } from './reason-form';

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
          <span className="badge badge-bad">Suspended</span> {formatDateTime(suspended.at)} by {suspended.by}: {suspended.reason}
        </p>
      ) : null}
      {open ? (
        <ReasonForm
          label={suspended ? `Reinstate ${name}` : `Suspend ${name}`}
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
            aria-label={`${suspended ? 'Reinstate' : 'Suspend'} ${name}…`}
          >
            {suspended ? 'Reinstate…' : 'Suspend…'}
          </button>
        </div>
      )}
    </div>
  );
};
