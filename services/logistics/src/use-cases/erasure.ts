import type { Cause } from '@ftt/kit';
import { ignore } from '@ftt/kit/domain';
import { eraseRecipient, eraseRunDrops } from '../domain/erasure';
import type { Context } from './context';

/** Where the personal data of a person is found (data/personal-data-repo.ts). */
export interface PersonalDataStore {
  shipmentIdsOfBuyer(buyerId: string, after: string | null, limit: number): Promise<string[]>;
  runIdsDropping(shipmentId: string): Promise<string[]>;
  /** Partner records that show this person's name (the claimer's) show `removed`; how many. */
  forgetPartnerNames(personId: string): Promise<number>;
  /** The person has a box still on its way: look again (`eraseWaiting`) until it ends. */
  awaitEnd(personId: string, at: string): Promise<void>;
  waiting(limit: number): Promise<string[]>;
  done(personId: string): Promise<void>;
}

const PAGE = 100;

/**
 * identity's person.erased.v1 (and the sweep, for boxes that were still on their way): each shipment of the person
 * loses the drop's name, street and phone and the receiver's name, through its command handler (versioned, so a
 * step recorded at the same moment cannot write the old address back), and so do the runs that drop it; the
 * partner records named after them lose the name. Each write records the event id, so a redelivered event changes
 * nothing. Returns how many shipments still wait for their end.
 */
export const erasePersonalData = async (
  ctx: Context,
  store: PersonalDataStore,
  d: { personId: string; at: string },
  cause: Cause,
): Promise<number> => {
  let after: string | null = null;
  let erased = 0;
  let waiting = 0;
  for (;;) {
    const ids = await store.shipmentIdsOfBuyer(d.personId, after, PAGE);
    for (const shipmentId of ids) {
      let onItsWay = false;
      const r = await ctx.handleShipment(
        shipmentId,
        (current, now) => {
          if (!current) return ignore('no such shipment');
          const out = eraseRecipient(current, now);
          if (out.kind !== 'wait') return out;
          onItsWay = true;
          return ignore('still on its way');
        },
        cause,
      );
      if (onItsWay) {
        waiting++;
        continue;
      }
      if (r.result === 'written') erased++;
      // the runs are erased after the shipment (and again on a redelivery: a run already erased is ignored)
      for (const runId of await store.runIdsDropping(shipmentId)) {
        await ctx.handleRun(
          runId,
          (run) => (run ? eraseRunDrops(run, { shipmentIds: [shipmentId] }) : ignore('no such run')),
          { ...cause, processedEventId: undefined },
        );
      }
    }
    if (ids.length < PAGE) break;
    after = ids.at(-1)!;
  }
  const partners = await store.forgetPartnerNames(d.personId);
  if (waiting) await store.awaitEnd(d.personId, d.at);
  else await store.done(d.personId);
  ctx.log.info({ personId: d.personId, shipments: erased, waiting, partners }, 'person erased from logistics');
  return waiting;
};

/** The sweep: persons whose boxes were on their way when they left; those whose boxes have all ended are finished. */
export const eraseWaiting = async (ctx: Context, store: PersonalDataStore): Promise<void> => {
  for (const personId of await store.waiting(50)) {
    await erasePersonalData(ctx, store, { personId, at: ctx.clock().toISOString() }, {});
  }
};
