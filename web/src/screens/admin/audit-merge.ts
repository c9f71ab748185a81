import type { Service } from '../../api/client';
import type { AuditEntry } from '../../api/types';

/** One service's audit trail as far as it was read: its pages so far, newest first, and the cursor of the next. */
export interface Trail {
  service: Service;
  entries: AuditEntry[];
  next: string | null;
  failed: boolean;
}

export type MergedEntry = AuditEntry & { service: Service };

const newerFirst = (a: MergedEntry, b: MergedEntry) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

/**
 * Every trail's entries merged newest first, cut where the merge is still certain: a trail with more pages may hold
 * entries newer than another's older loaded ones, so nothing older than the oldest loaded entry of such a trail is
 * shown yet. `limiting` names the trails whose next page moves that cut ("Show more" reads those).
 */
export const mergeTrails = (trails: Trail[]): { entries: MergedEntry[]; limiting: Service[]; more: boolean } => {
  const open = trails.filter((t) => t.next !== null && t.entries.length > 0);
  const cut = open.map((t) => t.entries.at(-1)!.at).sort().at(-1);
  const entries = trails
    .flatMap((t) => t.entries.map((e) => ({ ...e, service: t.service })))
    .filter((e) => cut === undefined || e.at >= cut)
    .sort(newerFirst);
  return { entries, limiting: open.filter((t) => t.entries.at(-1)!.at === cut).map((t) => t.service), more: open.length > 0 };
};
