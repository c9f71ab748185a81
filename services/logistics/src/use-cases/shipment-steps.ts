import { createEvent } from '@ftt/contracts';
import { inTraceOf } from '@ftt/kit';
import { DomainError } from '../domain/errors';
import type { Shipment } from '../domain/shipment';
import { decide, type ShipmentCommand } from '../domain/shipment-transitions';
import { eventContext, type Cause } from './event-context';
import type { Clock, ShipmentRepo } from './ports';

const MAX_ATTEMPTS = 8;

/**
 * load -> decide -> write state and events in one conditional single-document update. A lost race
 * (another writer bumped the version) reloads and decides again, so of ten partners claiming at once
 * exactly one sees an open shipment; the others get the domain's invalid_transition (409).
 */
export const makeShipmentSteps = (deps: { shipments: ShipmentRepo; clock: Clock }) => ({
  async act(
    shipmentId: string,
    cmd: ShipmentCommand,
    cause: Cause,
    processedEventId?: string,
  ): Promise<Shipment> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await deps.shipments.get(shipmentId);
      if (!current) throw new DomainError('shipment.not_found', `no shipment ${shipmentId}`);
      const { version, ...state } = current;
      // A step that brings no trace context of its own (a partner's scan) continues the shipment's trace,
      // which is its order's: one order, one trace (inTraceOf links the request's span to it).
      const traceparent = cause.traceparent ? undefined : state.traceparent;
      const done = await inTraceOf(
        traceparent,
        'shipment step',
        async () => {
          const now = deps.clock.now();
          const { shipment, events } = decide(state, cmd, now.toISOString());
          if (events.length === 0) return shipment;
          const ctx = eventContext({ ...cause, correlationid: cause.correlationid || state.orderId }, now);
          const outgoing = events.map((e) => createEvent(e.type, e.data, ctx));
          const r = await deps.shipments.update(shipment, version, outgoing, processedEventId);
          if (r === 'written') return shipment;
          if (r === 'duplicate') return state;
          return undefined;
        },
        { 'ftt.shipment.id': shipmentId, 'ftt.shipment.step': cmd.kind },
      );
      if (done) return done;
    }
    throw new DomainError('shipment.unavailable', 'the shipment is changing too often; try again');
  },
});
export type ShipmentSteps = ReturnType<typeof makeShipmentSteps>;
