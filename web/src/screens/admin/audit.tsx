import { useEffect, useState, type ReactNode } from 'react';
import { admin, AUDITED } from '../../api/admin';
import type { Service } from '../../api/client';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Empty, Loading } from '../../components/states';
import { formatDateTime, humanize, serviceName } from '../../lib/format';
import { Link } from '../../lib/router';
import { AdminNav } from './admin-nav';
import { mergeTrails, type MergedEntry, type Trail } from './audit-merge';
import { intl, t, tx, type MessageId } from '../../i18n';

/** What each kind of action is called on screen (the services send the kind; the words are the catalogs'). */
const actionText = (action: string): string =>
  `audit.action.${action}` in intl().messages ? t(`audit.action.${action}` as MessageId) : humanize(action);
const GROUPS: Record<string, { label: MessageId; actions: string[] }> = {
  suspensions: {
    label: 'audit.group.suspensions',
    actions: ['farm.suspend', 'farm.reinstate', 'partner.suspend', 'partner.reinstate'],
  },
  refunds: { label: 'audit.group.refunds', actions: ['order.refund', 'order.refund_failed'] },
  offers: { label: 'audit.group.offers', actions: ['delivery_offer.publish'] },
  replays: { label: 'audit.group.replays', actions: ['dead_letter.replay'] },
  applications: { label: 'audit.group.applications', actions: ['application.approve', 'application.reject'] },
};
const TARGETS = ['farm', 'partner', 'order', 'delivery_region', 'dead_letter', 'application'];
const targetText = (type: string): string =>
  `audit.target.${type}` in intl().messages ? t(`audit.target.${type}` as MessageId) : humanize(type);
const Id = (c: ReactNode[]) => (
  <span className="breakable" translate="no">
    {c}
  </span>
);

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
  const label = tx('audit.targetText', { target: targetText(e.target.type), id: e.target.id, data: Id });
  return e.target.type === 'order' ? <Link to={`/admin/orders/${encodeURIComponent(e.target.id)}`}>{label}</Link> : <>{label}</>;
};

const EntryCard = ({ e }: { e: MergedEntry }) => (
  <li className="card audit-entry">
    <div className="spread">
      <h3>{actionText(e.action)}</h3>
      {/* the service's own name, as its operators know it (a code) */}
      <span className="badge" translate="no">
        {e.service}
      </span>
    </div>
    <p className="muted small breakable">
      <TargetText e={e} /> · <time dateTime={e.at}>{formatDateTime(e.at)}</time> ·{' '}
      {t('audit.by', { name: e.actor.name ?? e.actor.userId })}
    </p>
    {e.reason ? <p className="breakable">{t('audit.reason', { reason: e.reason })}</p> : null}
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
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      <AdminNav />
      <form
        className="audit-filters"
        role="search"
        aria-label={t('audit.filterAria')}
        onSubmit={(e) => {
          e.preventDefault();
          setTarget(targetId.trim() ? { type: targetType, id: targetId.trim() } : undefined);
          setActorId(actorText.trim() || undefined);
        }}
      >
        <SelectField
          label={t('audit.service')}
          value={service}
          onChange={(e) => setService(e.target.value as Service | '')}
        >
          <option value="">{t('audit.everyService')}</option>
          {AUDITED.map((s) => (
            <option key={s} value={s}>
              {serviceName(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('audit.action')} value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">{t('audit.everyAction')}</option>
          {Object.entries(GROUPS).map(([k, g]) => (
            <option key={k} value={k}>
              {t(g.label)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('audit.target')} value={targetType} onChange={(e) => setTargetType(e.target.value)}>
          {TARGETS.map((k) => (
            <option key={k} value={k}>
              {targetText(k)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('audit.targetId')}
          type="search"
          value={targetId}
          maxLength={200}
          onChange={(e) => setTargetId(e.target.value)}
        />
        <Field
          label={t('audit.operator')}
          type="search"
          value={actorText}
          maxLength={200}
          hint={t('audit.operatorHint')}
          onChange={(e) => setActorText(e.target.value)}
        />
        <div>
          <button type="submit" className="button">
            {t('audit.filter')}
          </button>
        </div>
      </form>
      {actorId ? (
        <p className="row">
          <span>{tx('audit.onlyBy', { actor: actorId, data: Id })}</span>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setActorText('');
              setActorId(undefined);
            }}
          >
            {t('audit.everyOperator')}
          </button>
        </p>
      ) : null}
      {target ? (
        <p className="row">
          <span>
            {tx('audit.onlyTarget', { target: targetText(target.type).toLowerCase(), id: target.id, data: Id })}
          </span>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setTargetId('');
              setTarget(undefined);
            }}
          >
            {t('audit.everyTarget')}
          </button>
        </p>
      ) : null}
      {failed.length > 0 ? (
        <p className="warn-text" role="status">
          {t('audit.failed', { services: intl().formatList(failed.map(serviceName)) })}
        </p>
      ) : null}
      {!merged ? (
        <Loading what={t('audit.reading')} />
      ) : shown.length === 0 && !merged.more ? (
        <Empty>
          <p>{t('audit.none')}</p>
        </Empty>
      ) : (
        <>
          <ul className="plain stack" aria-label={t('audit.list')}>
            {shown.map((e) => (
              <EntryCard key={`${e.service}-${e.id}`} e={e} />
            ))}
          </ul>
          {merged.more ? (
            <div>
              <button type="button" className="button secondary" onClick={() => void more()} disabled={busy}>
                {busy ? t('audit.readingMore') : t('audit.showMore')}
              </button>
            </div>
          ) : (
            <p className="muted small">{t(group || target || actorId ? 'audit.allMatching' : 'audit.all')}</p>
          )}
        </>
      )}
    </Page>
  );
};
