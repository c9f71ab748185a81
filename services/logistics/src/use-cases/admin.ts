import { AuditLog, DomainError, type Principal } from '@ftt/kit';
import type { Shipment } from '../domain/shipment';
import type { Context } from './context';
import type { Partner, PartnerStore } from './ports-admin';

export interface AdminDeps {
  ctx: Context;
  partners: PartnerStore;
  audit: AuditLog;
}

/**
 * A suspended partner may not claim nor pick up (403, with the operator's reason); boxes already on the road stay
 * theirs to deliver or return.
 */
export const assertMayClaim = async (partners: PartnerStore, partnerId: string): Promise<void> => {
  const p = await partners.get(partnerId);
  if (p?.suspended) {
    throw new DomainError(
      'partner.forbidden',
      `your partner account is suspended (${p.suspended.reason}): you cannot claim or pick up shipments; contact the operators`,
    );
  }
};

export const listPartners = (a: AdminDeps, q: { cursor?: string | undefined; limit: number }) => a.partners.page(q);

export const setPartnerSuspended = async (a: AdminDeps, actor: Principal, partnerId: string, suspend: boolean, reason: string): Promise<Partner> => {
  const now = a.ctx.clock();
  const known = await a.partners.get(partnerId);
  if (!known) throw new DomainError('partner.not_found', `no partner ${partnerId} has claimed a shipment`);
  const next = suspend ? { at: now.toISOString(), by: actor.userId, reason } : null;
  const entry = AuditLog.entry(actor, { action: suspend ? 'partner.suspend' : 'partner.reinstate', target: { type: 'partner', id: partnerId }, reason }, now);
  // the audit entry rides in the suspension's own write: none without its entry, even after a crash
  const p = await a.partners.setSuspended(partnerId, next, !suspend, entry);
  if (!p) throw new DomainError('partner.conflict', suspend ? 'the partner is suspended already' : 'the partner is not suspended');
  await a.partners.settleAudit(a.audit, partnerId);
  a.ctx.log.info({ partnerId, suspended: suspend }, suspend ? 'partner suspended' : 'partner reinstated');
  return p;
};

export interface LogisticsSagaEntry {
  service: 'logistics';
  at: string;
  type: string;
  detail: string;
  who: string;
  traceId?: string | undefined;
}

const traceIdOf = (tp: string | undefined) => tp?.split('-')[1];

const shipmentEntries = (s: Shipment): LogisticsSagaEntry[] => {
  const traceId = traceIdOf(s.traceparent);
  const by = (step: string) => (step === 'created' || step === 'cancelled' ? 'system' : s.partnerId ? `partner ${s.partnerId}` : 'system');
  const extra = (step: string, at: string): string => {
    if (step === 'delivery_failed') return s.failures.find((f) => f.at === at)?.reason ?? '';
    if (step === 'returned') return s.returned?.reason ?? '';
    if (step === 'cancelled') return s.cancelled?.reason ?? '';
    if (step === 'delivered') return s.delivery ? `received by ${s.delivery.recipientName}` : '';
    return '';
  };
  return s.steps.map((st) => ({
    service: 'logistics',
    at: st.at,
    type: `shipment.${st.step}`,
    detail: [
      `${s.farmName} (${s.trackingCode})`,
      st.place,
      st.temperatureC !== undefined ? `${st.temperatureC} °C` : undefined,
      extra(st.step, st.at),
    ]
      .filter(Boolean)
      .join(' · '),
    who: by(st.step),
    ...(traceId ? { traceId } : {}),
  }));
};

/** logistics' part of an order's saga: every shipment's steps and the order's facts (the pickup gate, cancel answers). */
export const orderTimeline = async (a: AdminDeps, orderId: string) => {
  const [shipments, facts] = await Promise.all([a.ctx.shipments.byOrder(orderId), a.ctx.orders.get(orderId)]);
  const entries: LogisticsSagaEntry[] = shipments.flatMap(shipmentEntries);
  const fact = (at: string | undefined, type: string, detail: string) =>
    at ? [{ service: 'logistics' as const, at, type, detail, who: 'system' }] : [];
  if (facts) {
    entries.push(
      ...fact(facts.confirmedAt, 'order_facts.confirmed', 'order confirmed: shipments planned'),
      ...fact(facts.firstPickupAt, 'order_facts.first_pickup', 'first pickup: the order can no longer be cancelled'),
      ...fact(facts.cancelledAt, 'order_facts.cancelled', 'order cancelled'),
      ...fact(facts.completedAt, 'order_facts.completed', 'order completed'),
    );
  }
  return { entries: entries.sort((x, y) => x.at.localeCompare(y.at)), shipments: shipments.length };
};
