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
import { t, tx } from '../../i18n';

const ApplicationCard = ({ a, onChanged }: { a: Application; onChanged: () => void }) => {
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  const name = a.kind === 'farm' ? (a.farm?.name ?? '') : (a.partner?.name ?? '');
  return (
    <li className="card stack">
      <div className="spread">
        <h3>
          {t(a.kind === 'farm' ? 'adminApps.farm' : 'adminApps.partner', { name })}
        </h3>
        <span className={`badge ${a.state === 'approved' ? 'badge-ok' : a.state === 'rejected' ? 'badge-bad' : ''}`}>
          {t(
            a.state === 'submitted'
              ? 'adminApps.waiting'
              : a.state === 'approved'
                ? 'adminApps.approved'
                : 'adminApps.rejected',
          )}
        </span>
      </div>
      <p className="muted small">
        {tx('adminApps.sentBy', {
          time: formatDateTime(a.submittedAt),
          person: a.personId,
          id: (c) => <span translate="no">{c}</span>,
        })}
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
            <p className="small muted">{t('adminApps.noCerts')}</p>
          )}
        </>
      ) : null}
      {a.partner ? (
        <p className="small">{t('adminApps.serves', { regions: a.partner.regions.join(', ') })}</p>
      ) : null}
      {a.decision ? (
        <p className="small">
          {t('adminApps.decided', {
            time: formatDateTime(a.decision.at),
            by: a.decision.by,
            reason: a.decision.reason,
          })}
        </p>
      ) : null}
      {a.state === 'submitted' ? (
        open ? (
          <ReasonForm
            label={t(open === 'approve' ? 'adminApps.approve' : 'adminApps.reject', { name })}
            danger={open === 'reject'}
            reasonLabel={open === 'reject' ? t('adminApps.rejectReason') : undefined}
            submit={(reason) => onboarding.decide(a.applicationId, open, reason)}
            onDone={() => {
              setOpen(null);
              onChanged();
            }}
          />
        ) : (
          <div className="row">
            <button
              type="button"
              className="button"
              onClick={() => setOpen('approve')}
              aria-label={t('adminApps.approveAria', { name })}
            >
              {t('adminApps.approveButton')}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setOpen('reject')}
              aria-label={t('adminApps.rejectAria', { name })}
            >
              {t('adminApps.rejectButton')}
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
    <Page title={t('adminApps.title')} intro={t('adminApps.intro')}>
      <AdminNav />
      <div className="row">
        <SelectField
          label={t('adminApps.show')}
          value={state}
          onChange={(e) => {
            setAfter(undefined);
            setState(e.target.value as '' | Application['state']);
          }}
        >
          <option value="submitted">{t('adminApps.waiting')}</option>
          <option value="approved">{t('adminApps.approved')}</option>
          <option value="rejected">{t('adminApps.rejected')}</option>
          <option value="">{t('adminApps.all')}</option>
        </SelectField>
      </div>
      <Async state={page} what={t('adminApps.loading')}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>{t('adminApps.none')}</p>
            </Empty>
          ) : (
            <>
              <ul className="plain stack" aria-label={t('adminApps.title')}>
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
