import type { Address } from '@ftt/contracts';
import { change, ignore, type Outcome } from '@ftt/kit/domain';
import type { Run } from './runs/run';
import { isTerminal, type Shipment, type ShipmentEvent } from './shipment';

/** What stands where a person's name, street, postcode and city were (the shapes stay valid for every view). */
export const REMOVED = 'removed';

/** The address without the person in it: the country stays (the trace's and the tax's). */
export const removedAddress = (a: Address): Address => ({
  line1: REMOVED,
  city: REMOVED,
  postalCode: REMOVED,
  country: a.country,
});

/**
 * The buyer deleted their account (identity's person.erased.v1). The shipment stays for traceability (farm, lots,
 * steps, temperatures, proof reference) and loses the drop's name, street, postcode, city, coordinates and phone,
 * and the name of whoever received it. A box still on its way keeps them until it ends (delivered, returned or
 * cancelled): the driver needs the door (`wait`). Erasing twice changes nothing.
 */
export const eraseRecipient = (
  s: Shipment,
  now: Date,
): Outcome<Shipment, ShipmentEvent> | { kind: 'wait' } => {
  if (s.recipientErasedAt) return ignore('recipient already erased');
  if (!isTerminal(s.status)) return { kind: 'wait' };
  return change({
    ...s,
    dropoff: { address: removedAddress(s.dropoff.address), contactName: REMOVED },
    ...(s.delivery ? { delivery: { ...s.delivery, recipientName: REMOVED } } : {}),
    recipientErasedAt: now.toISOString(),
  });
};

/**
 * A run's home drops of these (erased) shipments lose their street, name and key (which spelt the street); pickup
 * points are places, not people, and stay. A drop shared with someone else's box keeps it on that box's shipment.
 */
export const eraseRunDrops = (run: Run, { shipmentIds }: { shipmentIds: readonly string[] }): Outcome<Run, never> => {
  const touches = (ids: string[]) => ids.some((id) => shipmentIds.includes(id));
  const erasable = (st: Run['stops'][number]) =>
    st.kind === 'drop' && st.key.startsWith('home:') && st.key !== `home:${REMOVED}` && touches(st.shipmentIds);
  if (!run.stops.some(erasable)) return ignore('no drop of these shipments to erase');
  return change({
    ...run,
    stops: run.stops.map((st) => {
      if (!erasable(st)) return st;
      const { contact: _contact, ...rest } = st;
      return { ...rest, key: `home:${REMOVED}`, label: REMOVED, address: removedAddress(st.address) };
    }),
  });
};
