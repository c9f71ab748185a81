import { useState } from 'react';
import { onboarding } from '../../api/onboarding';
import type { Application } from '../../api/types';
import { SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { Pager } from './order-list';
import { ReasonForm } from './reason-form';
import { SuspensionControl } from './suspension-control';

const ApplicationCard = ({ a, onChanged }: { a: Application; onChanged: () => void }) => {
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  const name = a.kind === 'farm' ? (a.farm?.name ?? '') : (a.partner?.name ?? '');
  return (
    <li className="card stack">
      <div className="spread">
        <h3>
          {a.kind === 'farm' ? 'Farm' : 'Delivery partner'}: {name}
        </h3>
        <span className={`badge ${a.state === 'approved' ? 'badge-ok' : a.state === 'rejected' ? 'badge-bad' : ''}`}>
          {a.state === 'submitted' ? 'Waiting' : a.state === 'approved' ? 'Approved' : 'Rejected'}
        </span>
      </div>
      <p className="muted small">
        Sent {formatDateTime(a.submittedAt)} by person {a.personId}
      </p>
      {a.farm ? (
        <>
          <p className="small">
            {a.farm.region} · {a.farm.description}
          </p>
          {a.farm.certifications.length ? (
            <ul className="small">
              {a.farm.certifications.map((c) => (
                <li key={c.name}>
                  {c.name}: <code>{c.documentRef}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p className="small muted">No certifications.</p>
          )}
        </>
      ) : null}
      {a.partner ? <p className="small">Serves {a.partner.regions.join(', ')}</p> : null}
      {a.decision ? (
        <p className="small">
          Decided {formatDateTime(a.decision.at)} by {a.decision.by}: {a.decision.reason}
        </p>
      ) : null}
      {a.state === 'submitted' ? (
        open ? (
          <ReasonForm
            label={open === 'approve' ? `Approve ${name}` : `Reject ${name}`}
            danger={open === 'reject'}
            reasonLabel={open === 'reject' ? 'Reason (the applicant reads it; kept in the audit trail)' : undefined}
            submit={(reason) => onboarding.decide(a.applicationId, open, reason)}
            onDone={() => {
              setOpen(null);
              onChanged();
            }}
          />
        ) : (
          <div className="row">
            <button type="button" className="button" onClick={() => setOpen('approve')} aria-label={`Approve ${name}…`}>
              Approve…
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen('reject')} aria-label={`Reject ${name}…`}>
              Reject…
            </button>
          </div>
        )
      ) : null}
      {a.state === 'approved' ? <SuspensionControl a={a} name={name} onChanged={onChanged} /> : null}
    </li>
  );
};

/** The back office's applications to sell or deliver: an operator approves or rejects each with a reason (audited). */
export const AdminApplicationsScreen = () => {
  const [state, setState] = useState<'' | Application['state']>('submitted');
  const [after, setAfter] = useState<string | undefined>();
  const page = useAsync(`admin-applications:${state}:${after ?? ''}`, () =>
    onboarding.applications({ state: state || undefined, cursor: after }),
  );
  return (
    <Page title="Applications" intro="People who asked to sell or to deliver. Approving makes them owner of the farm or manager of the partner.">
      <AdminNav />
      <div className="row">
        <SelectField
          label="Show"
          value={state}
          onChange={(e) => {
            setAfter(undefined);
            setState(e.target.value as '' | Application['state']);
          }}
        >
          <option value="submitted">Waiting</option>
          <option value="approved">Approved</option>
          <option value="rejected">Rejected</option>
          <option value="">All</option>
        </SelectField>
      </div>
      <Async state={page} what="Loading applications">
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>No applications here.</p>
            </Empty>
          ) : (
            <>
              <ul className="plain stack" aria-label="Applications">
                {p.items.map((a) => (
                  <ApplicationCard key={a.applicationId} a={a} onChanged={page.reload} />
                ))}
              </ul>
              <Pager next={p.nextCursor} paged={Boolean(after)} onNext={setAfter} onFirst={() => setAfter(undefined)} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
