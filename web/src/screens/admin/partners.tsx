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

const PartnerCard = ({ p, onChanged }: { p: AdminPartner; onChanged: () => void }) => {
  const [open, setOpen] = useState(false);
  const name = p.name ?? p.partnerId;
  return (
    <li className="card stack">
      <div className="spread">
        <h3>{name}</h3>
        <span className={`badge ${p.suspended ? 'badge-bad' : 'badge-ok'}`}>{p.suspended ? 'Suspended' : 'Active'}</span>
      </div>
      <p className="muted small">
        {p.partnerId} · {p.region ?? 'region unknown'} · {p.claims === 1 ? '1 claim' : `${p.claims} claims`}
        {p.lastClaimAt ? ` · last ${formatDateTime(p.lastClaimAt)}` : ''}
      </p>
      {p.suspended ? (
        <p className="small">
          Suspended {formatDateTime(p.suspended.at)} by {p.suspended.by}: {p.suspended.reason}
        </p>
      ) : null}
      {open ? (
        <ReasonForm
          label={p.suspended ? `Reinstate ${name}` : `Suspend ${name}`}
          danger={!p.suspended}
          submit={(reason) => admin.setPartner(p.partnerId, p.suspended ? 'reinstate' : 'suspend', reason)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : (
        <div>
          <button type="button" className="button secondary" onClick={() => setOpen(true)} aria-label={`${p.suspended ? 'Reinstate' : 'Suspend'} ${name}…`}>
            {p.suspended ? 'Reinstate…' : 'Suspend…'}
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
      title="Partners"
      intro="Logistics knows a partner from their first claimed shipment: someone who signed up as a partner and has not claimed anything yet is not listed here. A suspended partner cannot claim new shipments."
    >
      <AdminNav />
      <Async state={page} what="Loading partners">
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>No partner has claimed a shipment yet, so none is known to logistics.</p>
            </Empty>
          ) : (
            <>
              <ul className="plain stack" aria-label="Partners">
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
