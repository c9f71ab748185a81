import { useState } from 'react';
import { admin } from '../../api/admin';
import type { AdminPartner } from '../../api/types';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { Pager } from './order-list';
import { ReasonForm } from './reason-form';
import { t } from '../../i18n';

const PartnerCard = ({ p, onChanged }: { p: AdminPartner; onChanged: () => void }) => {
  const [open, setOpen] = useState(false);
  const name = p.name ?? p.partnerId;
  return (
    <li className="card stack">
      <div className="spread">
        <h3>{name}</h3>
        <span className={`badge ${p.suspended ? 'badge-bad' : 'badge-ok'}`}>
          {t(p.suspended ? 'suspension.suspended' : 'suspension.active')}
        </span>
      </div>
      <p className="muted small">
        <span translate="no">{p.partnerId}</span> · {p.region ?? t('adminPartners.regionUnknown')} ·{' '}
        {t('adminPartners.claims', { n: p.claims })}
        {p.lastClaimAt ? ` · ${t('adminPartners.last', { time: formatDateTime(p.lastClaimAt) })}` : ''}
      </p>
      {p.suspended ? (
        <p className="small">
          {t('suspension.suspendedSince', {
            time: formatDateTime(p.suspended.at),
            by: p.suspended.by,
            reason: p.suspended.reason,
          })}
        </p>
      ) : null}
      {open ? (
        <ReasonForm
          label={t(p.suspended ? 'suspension.reinstate' : 'suspension.suspend', { name })}
          danger={!p.suspended}
          submit={(reason) => admin.setPartner(p.partnerId, p.suspended ? 'reinstate' : 'suspend', reason)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : (
        <div>
          <button
            type="button"
            className="button secondary"
            onClick={() => setOpen(true)}
            aria-label={t(p.suspended ? 'suspension.reinstateAria' : 'suspension.suspendAria', { name })}
          >
            {t(p.suspended ? 'suspension.reinstateButton' : 'suspension.suspendButton')}
          </button>
        </div>
      )}
    </li>
  );
};

export const AdminPartnersScreen = () => {
  const [after, setAfter] = useState<string | undefined>();
  const page = useAsync(`admin-partners:${after ?? ''}`, () => admin.partners({ cursor: after }));
  return (
    <Page
      title={t('adminPartners.title')}
      intro={t('adminPartners.intro')}
    >
      <AdminNav />
      <Async state={page} what={t('adminPartners.loading')}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>{t('adminPartners.none')}</p>
            </Empty>
          ) : (
            <>
              <ul className="plain stack" aria-label={t('adminPartners.title')}>
                {p.items.map((x) => (
                  <PartnerCard key={x.partnerId} p={x} onChanged={page.reload} />
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
