import type { OutgoingEvent } from '@ftt/contracts';
import { describe, expect, it } from 'vitest';
import { toOutboxEntries } from '../src/mongo/outbox';

describe('outbox entries', () => {
  it('when an event carries an undefined field, then its stored entry leaves it out as the wire does (the driver would store null, and a publish from the document would fail the schema)', () => {
    const event = {
      topic: 'ftt.orders.v1',
      key: 'o1',
      envelope: { id: 'e1', type: 'ftt.orders.order.confirmed.v1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', data: { dropoff: { phone: undefined, name: 'Ben' } } },
    } as unknown as OutgoingEvent;
    const [entry] = toOutboxEntries([event]);
    expect(entry!.envelope).toEqual({ id: 'e1', type: 'ftt.orders.order.confirmed.v1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', data: { dropoff: { name: 'Ben' } } });
    expect(Object.keys((entry!.envelope as unknown as { data: { dropoff: object } }).data.dropoff)).toEqual(['name']);
  });
});
