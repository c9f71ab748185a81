import type { Run } from '../domain/runs/run';
import type { RunView } from './run-schemas';
import type { z } from 'zod';

/** What a partner sees of a run: everything when it is theirs; an open run without street or recipient of home drops. */
export const runView = (run: Run, detail: 'full' | 'open'): z.infer<typeof RunView> => ({
  runId: run.runId,
  region: run.region,
  day: run.day,
  status: run.status,
  partnerId: run.partnerId,
  next: run.next,
  boxes: run.shipmentIds.length,
  stops: run.stops.map((s) => {
    const personal = detail === 'open' && s.kind === 'drop' && s.key.startsWith('home:');
    return {
      seq: s.seq,
      kind: s.kind,
      label: personal ? `${s.address.postalCode} ${s.address.city}` : s.label,
      address: personal
        ? { city: s.address.city, postalCode: s.address.postalCode, country: s.address.country }
        : s.address,
      at: s.at,
      ...(s.window ? { window: s.window } : {}),
      ...(s.contact && !personal ? { contact: s.contact } : {}),
      eta: s.eta,
      boxes: s.shipmentIds.length,
      shipmentIds: s.shipmentIds,
      status: s.status,
      ...(s.doneAt ? { doneAt: s.doneAt } : {}),
      skipped: s.skipped,
    };
  }),
  lengthKm: run.lengthKm,
  naiveLengthKm: run.naiveLengthKm,
  lateMinutes: run.lateMinutes,
  createdAt: run.createdAt,
  ...(run.claimedAt ? { claimedAt: run.claimedAt } : {}),
  ...(run.completedAt ? { completedAt: run.completedAt } : {}),
});
