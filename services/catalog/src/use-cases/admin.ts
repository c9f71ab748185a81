import { AuditLog, DomainError, reject, type Cause, type Principal } from '@ftt/kit';
import type { Farm } from '../domain/farm';
import { reinstateFarm, suspendFarm } from '../domain/farm-admin';
import type { CatalogAdminRepo } from '../data/farm-admin-repo';
import { written, type Context } from './context';
import { syncFarmListings } from './farms';

export interface AdminDeps {
  deps: Context;
  admin: CatalogAdminRepo;
  audit: AuditLog;
}

export const adminFarms = (a: AdminDeps, q: { status?: 'active' | 'suspended' | undefined; cursor?: string | undefined; limit: number }) =>
  a.admin.farmsPage(q);

/**
 * Suspend or reinstate: the farm's new version, then its listings take it on (search and reservations read the
 * listing) and tell orders through their outbox; the farm stays marked unsynced until they all have, so the sweeper
 * finishes the copy after a crash. Audited.
 */
export const setFarmSuspended = async (
  a: AdminDeps,
  actor: Principal,
  farmId: string,
  suspend: boolean,
  reason: string,
  cause: Cause,
): Promise<Farm> => {
  const entry = AuditLog.entry(
    actor,
    { action: suspend ? 'farm.suspend' : 'farm.reinstate', target: { type: 'farm', id: farmId }, reason },
    a.deps.clock(),
  );
  const result = await a.deps.handleFarm(
    farmId,
    (current, now) =>
      !current
        ? reject('farm.not_found', `no farm ${farmId}`)
        : suspend
          ? suspendFarm(current, { by: actor.userId, reason }, now)
          : reinstateFarm(current, now),
    // the audit entry rides in the farm's own write: no suspension without its entry, even after a crash
    { ...cause, audit: entry },
  );
  // a redelivered cause (identity's event again) wrote before: the rest below is finished again, harmlessly
  const farm = result.result === 'duplicate' && result.state ? result.state : written(result);
  await a.admin.settleAudit(a.audit, farmId);
  await syncFarmListings(a.deps, farm, cause);
  a.deps.log.info({ farmId, suspended: suspend }, suspend ? 'farm suspended' : 'farm reinstated');
  return farm;
};

const STEP: Record<string, string> = {
  reserving: 'stock being reserved',
  reserved: 'stock reserved',
  rejecting: 'reservation being rejected',
  rejected: 'stock rejected',
  committing: 'stock being committed',
  committed: 'stock committed (sold)',
  completed: 'sale final (delivered)',
  releasing: 'stock being released',
  released: 'stock released',
  void: 'nothing reserved (the order had ended)',
};

/** catalog's part of an order's saga: its reservation, as it began and as it is now. */
export const orderReservation = async (a: AdminDeps, orderId: string) => {
  const r = await a.admin.reservation(orderId);
  if (!r) throw new DomainError('reservation.not_found', `catalog has no reservation for order ${orderId}`);
  const detail = [
    r.rejection ? `${r.rejection.reason} on ${r.rejection.listingId} (asked ${r.rejection.requested}, ${r.rejection.available} available)` : '',
    r.releaseReason ? `reason: ${r.releaseReason}` : '',
  ].filter(Boolean).join('; ');
  const entries = [
    { service: 'catalog' as const, at: r.createdAt, type: 'reservation.opened', detail: `lines: ${r.lines.map((l) => `${l.quantity} × ${l.listingId}`).join(', ')}`, who: 'system' },
    ...(r.updatedAt !== r.createdAt || r.status !== 'reserving'
      ? [{ service: 'catalog' as const, at: r.updatedAt, type: `reservation.${r.status}`, detail: detail || STEP[r.status]!, who: 'system' }]
      : []),
  ];
  return { reservation: r, entries };
};
