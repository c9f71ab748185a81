import { useState } from 'react';
import { admin } from '../../api/admin';
import type { AdminFarm } from '../../api/types';
import { SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { Pager } from './order-list';
import { ReasonForm } from './reason-form';

const FarmCard = ({ farm, onChanged }: { farm: AdminFarm; onChanged: () => void }) => {
  const [open, setOpen] = useState(false);
  const action = farm.suspended ? 'reinstate' : 'suspend';
  return (
    <li className="card stack">
      <div className="spread">
        <h3>
          <Link to={`/farms/${farm.id}`}>{farm.name}</Link>
        </h3>
        <span className={`badge ${farm.suspended ? 'badge-bad' : 'badge-ok'}`}>{farm.suspended ? 'Suspended' : 'Active'}</span>
      </div>
      <p className="muted small">
        {farm.region} · farmer {farm.farmerId} · farm id {farm.id}
      </p>
      {farm.suspended ? (
        <p className="small">
          Suspended {formatDateTime(farm.suspended.at)} by {farm.suspended.by}: {farm.suspended.reason}
        </p>
      ) : null}
      {open ? (
        <ReasonForm
          label={farm.suspended ? `Reinstate ${farm.name}` : `Suspend ${farm.name}`}
          danger={!farm.suspended}
          submit={(reason) => admin.setFarm(farm.id, action, reason)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : (
        <div>
          <button type="button" className="button secondary" onClick={() => setOpen(true)} aria-label={`${farm.suspended ? 'Reinstate' : 'Suspend'} ${farm.name}…`}>
            {farm.suspended ? 'Reinstate…' : 'Suspend…'}
          </button>
        </div>
      )}
    </li>
  );
};

export const AdminFarmsScreen = () => {
  const [status, setStatus] = useState<'' | 'active' | 'suspended'>('');
  const [after, setAfter] = useState<string | undefined>();
  const page = useAsync(`admin-farms:${status}:${after ?? ''}`, () => admin.farms({ status: status || undefined, cursor: after }));
  return (
    <Page title="Farms" intro="A suspended farm's listings leave search and cannot be ordered until it is reinstated.">
      <AdminNav />
      <div className="row">
        <SelectField
          label="Show"
          value={status}
          onChange={(e) => {
            setAfter(undefined);
            setStatus(e.target.value as '' | 'active' | 'suspended');
          }}
        >
          <option value="">All farms</option>
          <option value="active">Active</option>
          <option value="suspended">Suspended</option>
        </SelectField>
      </div>
      <Async state={page} what="Loading farms">
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>No farms.</p>
            </Empty>
          ) : (
            <>
              <ul className="plain stack" aria-label="Farms">
                {p.items.map((f) => (
                  <FarmCard key={f.id} farm={f} onChanged={page.reload} />
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
