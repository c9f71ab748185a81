/** One operator action: who, when, what (action + target), why, and what it changed. */
export interface AuditRecord {
  id: string;
  at: string;
  actor: { userId: string; name?: string | undefined };
  /** e.g. 'order.refund', 'farm.suspend', 'dead_letter.replay'. */
  action: string;
  target: { type: string; id: string };
  reason?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

/** As stored: plain JSON (no undefined fields, dates as strings). */
export const auditDoc = (r: AuditRecord): Record<string, unknown> => JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
