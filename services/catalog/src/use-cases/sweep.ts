import { onSweep, sweepAction } from '../domain/reservation-decide';
import type { Context } from './context';
import { syncFarmListings } from './farms';
import { advance } from './reservations';

/**
 * One pass of the sweeper (an expiry emits an event, which a TTL index could not). Safe with several instances: each
 * reservation is first claimed with a versioned write, so exactly one instance expires it (the others decide again
 * on the winner's fresh claim and leave it). Also finishes steps left half done by a crashed instance, and farm
 * details not yet copied to listings.
 */
export const sweepOnce = async (d: Context): Promise<number> => {
  const now = d.clock();
  let handled = 0;
  for (const r of await d.reservations.due(now, 100)) {
    const action = sweepAction(r, now);
    if (action === 'none') continue;
    const cause = { correlationid: r.correlationId };
    if ((await d.handleReservation(r.id, onSweep, cause)).result !== 'written') continue; // another instance has it
    d.log.info({ orderId: r.id, action }, 'sweeper claimed reservation');
    await advance(d, r.id, cause);
    handled++;
  }
  for (const farm of await d.farms.behind(20)) {
    await syncFarmListings(d, farm, { correlationid: `farm-${farm.id}-v${farm.version}` });
  }
  return handled;
};
