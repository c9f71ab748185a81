import { useEffect, useState } from 'react';
import { admin, AUDITED } from '../../api/admin';
import type { Service } from '../../api/client';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Empty, Loading } from '../../components/states';
import { formatDateTime, humanize } from '../../lib/format';
import { Link } from '../../lib/router';
import { AdminNav } from './admin-nav';
import { mergeTrails, type MergedEntry, type Trail } from './audit-merge';

/** What each kind of action is called on screen (the services send the kind; the words are the web's). */
const ACTIONS: Record<string, string> = {
  'farm.suspend': 'Farm suspended',
  'farm.reinstate': 'Farm reinstated',
  'partner.suspend': 'Partner suspended',
  'partner.reinstate': 'Partner reinstated',
  'order.refund': 'Refund given',
  'order.refund_failed': 'Refund failed',
  'delivery_offer.publish': 'Delivery offer published',
  'dead_letter.replay': 'Dead letter sent again',
  'application.approve': 'Application approved',
  'application.reject': 'Application rejected',
};
const GROUPS: Record<string, { label: string; actions: string[] }> = {
  suspensions: { label: 'Suspensions and reinstatements', actions: ['farm.suspend', 'farm.reinstate', 'partner.suspend', 'partner.reinstate'] },
  refunds: { label: 'Refunds', actions: ['order.refund', 'order.refund_failed'] },
  offers: { label: 'Delivery offers', actions: ['delivery_offer.publish'] },
  replays: { label: 'Dead-letter replays', actions: ['dead_letter.replay'] },
  applications: { label: 'Applications to sell or deliver', actions: ['application.approve', 'application.reject'] },
};
const TARGETS: Record<string, string> = {
  farm: 'Farm',
  partner: 'Partner',
  order: 'Order',
  delivery_region: 'Delivery region',
  dead_letter: 'Dead letter',
  application: 'Application',
};

interface Query {
  services: Service[];
  target?: { type: string; id: string } | undefined;
  /** A group of GROUPS: its kinds of action are filtered by the services, not here. */
  group?: string | undefined;
  actorId?: string | undefined;
}

const readPage = async (service: Service, q: Query, after?: string): Promise<Trail> => {
  try {
    const p = await admin.audit(service, {
      cursor: after,
      targetType: q.target?.type,
      targetId: q.target?.id,
      action: q.group ? GROUPS[q.group]!.actions.join(',') : undefined,
      actorId: q.actorId,
    });
    return { service, entries: p.items, next: p.nextCursor, failed: false };
  } catch {
    return { service, entries: [], next: null, failed: true };
  }
};

const TargetText = ({ e }: { e: MergedEntry }) => {
  const label = `${TARGETS[e.target.type] ?? humanize(e.target.type)} ${e.target.id}`;
  return e.target.type === 'order' ? <Link to={`/admin/orders/${encodeURIComponent(e.target.id)}`}>{label}</Link> : <>{label}</>;
};

const EntryCard = ({ e }: { e: MergedEntry }) => (
  <li className="card audit-entry">
    <div className="spread">
      <h3>{ACTIONS[e.action] ?? humanize(e.action)}</h3>
      <span className="badge">{e.service}</span>
    </div>
    <p className="muted small breakable">
      <TargetText e={e} /> · <time dateTime={e.at}>{formatDateTime(e.at)}</time> · by {e.actor.name ?? e.actor.userId}
    </p>
    {e.reason ? <p className="breakable">Reason: {e.reason}</p> : null}
  </li>
);

/** Every service's trail of operator actions, merged newest first, with filters and "Show more". */
export const AdminAuditScreen = () => {
  const [service, setService] = useState<Service | ''>('');
  const [group, setGroup] = useState('');
  const [targetType, setTargetType] = useState('farm');
  const [targetId, setTargetId] = useState('');
  const [target, setTarget] = useState<Query['target']>();
  const [actorText, setActorText] = useState('');
  const [actorId, setActorId] = useState<string | undefined>();
  const [trails, setTrails] = useState<Trail[] | null>(null);
  const [busy, setBusy] = useState(false);
  const query: Query = { services: service ? [service] : AUDITED, target, group: group || undefined, actorId };

  useEffect(() => {
    let live = true;
    setTrails(null);
    const q: Query = { services: service ? [service] : AUDITED, target, group: group || undefined, actorId };
    void Promise.all(q.services.map((s) => readPage(s, q))).then((t) => live && setTrails(t));
    return () => {
      live = false;
    };
  }, [service, target, group, actorId]);

  const merged = trails ? mergeTrails(trails) : null;
  const shown = merged?.entries ?? [];
  const failed = trails?.filter((t) => t.failed).map((t) => t.service) ?? [];
  const more = async () => {
    if (!trails || !merged) return;
    setBusy(true);
    const next = await Promise.all(
      trails.map(async (t) => {
        if (!merged.limiting.includes(t.service) || !t.next) return t;
        const p = await readPage(t.service, query, t.next);
        return p.failed ? { ...t, next: null, failed: true } : { ...p, entries: [...t.entries, ...p.entries] };
      }),
    );
    setTrails(next);
    setBusy(false);
  };

  return (
    <Page title="Audit" intro="Every action an operator took, in every service, newest first: who, when, on what and why.">
      <AdminNav />
      <form
        className="audit-filters"
        role="search"
        aria-label="Filter the audit"
        onSubmit={(e) => {
          e.preventDefault();
          setTarget(targetId.trim() ? { type: targetType, id: targetId.trim() } : undefined);
          setActorId(actorText.trim() || undefined);
        }}
      >
        <SelectField label="Service" value={service} onChange={(e) => setService(e.target.value as Service | '')}>
          <option value="">Every service</option>
          {AUDITED.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Action" value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">Every action</option>
          {Object.entries(GROUPS).map(([k, g]) => (
            <option key={k} value={k}>
              {g.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Target" value={targetType} onChange={(e) => setTargetType(e.target.value)}>
          {Object.entries(TARGETS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field label="Target id" type="search" value={targetId} maxLength={200} onChange={(e) => setTargetId(e.target.value)} />
        <Field
          label="Operator"
          type="search"
          value={actorText}
          maxLength={200}
          hint="Their user id, e.g. user-admin-ada"
          onChange={(e) => setActorText(e.target.value)}
        />
        <div>
          <button type="submit" className="button">
            Filter
          </button>
        </div>
      </form>
      {actorId ? (
        <p className="row">
          <span>
            Only actions by <span className="breakable">{actorId}</span>.
          </span>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setActorText('');
              setActorId(undefined);
            }}
          >
            Every operator
          </button>
        </p>
      ) : null}
      {target ? (
        <p className="row">
          <span>
            Only {TARGETS[target.type]?.toLowerCase() ?? target.type} <span className="breakable">{target.id}</span>.
          </span>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setTargetId('');
              setTarget(undefined);
            }}
          >
            Every target
          </button>
        </p>
      ) : null}
      {failed.length > 0 ? (
        <p className="warn-text" role="status">
          Could not read the audit of {failed.join(', ')}: its entries are missing below.
        </p>
      ) : null}
      {!merged ? (
        <Loading what="Reading the audit trails" />
      ) : shown.length === 0 && !merged.more ? (
        <Empty>
          <p>No operator action matches.</p>
        </Empty>
      ) : (
        <>
          <ul className="plain stack" aria-label="Operator actions">
            {shown.map((e) => (
              <EntryCard key={`${e.service}-${e.id}`} e={e} />
            ))}
          </ul>
          {merged.more ? (
            <div>
              <button type="button" className="button secondary" onClick={() => void more()} disabled={busy}>
                {busy ? 'Reading…' : 'Show more'}
              </button>
            </div>
          ) : (
            <p className="muted small">
              That is every action{group || target || actorId ? ' that matches' : ''}.
            </p>
          )}
        </>
      )}
    </Page>
  );
};
