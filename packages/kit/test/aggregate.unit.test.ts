import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aggregateHandler, defineAggregate } from '../src/command/aggregate';
import { change, ignore } from '../src/domain/outcome';
import { decider } from '../src/testing-decider';
import { memoryStoreOf } from './fixtures/memory-store';

interface Note {
  id: string;
  text: string;
  version: number;
}

/** A store with the AggregateStore's contract that loads the version into the state, as AggregateRepo does. */
const notes = () => memoryStoreOf<Note>({ versioned: true });

type NoteEvent =
  | { type: 'ftt.orders.order.placed.v1'; data: { version: number } }
  | { type: 'ftt.identity.person.erased.v1'; data: { personId: string; at: string } };

const noteAggregate = defineAggregate<Note, NoteEvent>({
  name: 'note',
  collection: 'notes',
  idOf: (n) => n.id,
  source: '/fieldtotable/test',
  versioned: { versionEvents: (events, version) => events.map((e) => (e.type === 'ftt.orders.order.placed.v1' ? { ...e, data: { version } } : e)) },
});
const write = (text: string) => (n: Note | null) =>
  n?.text === text ? ignore('same text') : change<Note, never>({ id: 'n1', text, version: n?.version ?? 0 });

describe('an aggregate defined once', () => {
  it('when a versioned aggregate changes, then the store sets its version and the state shows the written one; deciders never count', async () => {
    const m = notes();
    const handle = aggregateHandler(noteAggregate, m.store, { clock: () => new Date(0) });
    expect(await handle.create('n1', write('a'))).toMatchObject({ result: 'written', state: { text: 'a', version: 1 }, version: 1 });
    expect(m.calls).toEqual({ load: 0, insert: 1, update: 0 });
    expect(await handle('n1', write('b'))).toMatchObject({ result: 'written', state: { text: 'b', version: 2 }, version: 2 });
    expect(m.docs.get('n1')).toEqual({ state: { id: 'n1', text: 'b', version: 2 }, version: 2 });
    expect(await handle('n1', write('b'))).toMatchObject({ result: 'ignored', reason: 'same text' });
  });

  it('when create meets an id that exists, then it loads and decides again on what is stored', async () => {
    const m = notes();
    m.docs.set('n1', { state: { id: 'n1', text: 'a', version: 3 }, version: 3 });
    const handle = aggregateHandler(noteAggregate, m.store, { clock: () => new Date(0) });
    expect(await handle.create('n1', write('c'))).toMatchObject({ result: 'written', state: { text: 'c', version: 4 } });
  });

  it('when a write carries events, then the repository publishes them at once (kick); without events it does not', async () => {
    const m = notes();
    const handle = aggregateHandler(noteAggregate, m.store, { clock: () => new Date(0) });
    await handle.create('n1', write('a'));
    expect(m.kicked).toEqual([]);
    const erased: NoteEvent = { type: 'ftt.identity.person.erased.v1', data: { personId: 'p1', at: new Date(0).toISOString() } };
    await handle('n1', (n) => change({ ...n!, text: 'b' }, [erased]));
    expect(m.kicked).toEqual(['n1']);
  });

  it('when a decider is tested with the definition, then its events carry the version the write stores', () => {
    decider<Note, NoteEvent>(noteAggregate)
      .given({ id: 'n1', text: 'a', version: 4 })
      .when((n) => change<Note, NoteEvent>({ ...n, text: 'b' }, [{ type: 'ftt.orders.order.placed.v1', data: { version: 0 } }]))
      .then({ state: { text: 'b', version: 5 }, events: [{ type: 'ftt.orders.order.placed.v1', data: { version: 5 } }] })
      .when((n) => (n.text === 'b' ? ignore('same text') : change(n)))
      .thenIgnores('same text');
    expect(() => decider<Note, NoteEvent>(noteAggregate).given(null).when(() => ignore('x')).then()).toThrow(/expected a change/);
  });

  it('when a decider is given its command, then it is called as (state, command, now)', () => {
    const rename = (n: Note, cmd: { text: string }, now: Date) => change<Note, NoteEvent>({ ...n, text: `${cmd.text} ${now.toISOString()}` });
    decider<Note, NoteEvent>(noteAggregate)
      .given({ id: 'n1', text: 'a', version: 1 })
      .when(rename, { text: 'b' }, new Date('2026-01-02T00:00:00Z'))
      .then({ state: { text: 'b 2026-01-02T00:00:00.000Z', version: 2 } });
  });

  it('when the definition has a state schema, then a given state or a written state it refuses fails the test', () => {
    const checked = { ...noteAggregate, schema: z.strictObject({ id: z.string(), text: z.string().min(1), version: z.number().int() }) };
    const notes = decider<Note, NoteEvent>(checked);
    notes.given({ id: 'n1', text: 'a', version: 1 }).when((n) => change<Note, NoteEvent>({ ...n, text: 'b' })).then({ state: { text: 'b' } });
    expect(() => notes.given({ id: 'n1', text: '', version: 1 })).toThrow(/the given state does not match the aggregate's state schema/);
    expect(() => notes.given({ id: 'n1', text: 'a', version: 1 }).when((n) => change<Note, NoteEvent>({ ...n, text: '' }))).toThrow(
      /the state the decider writes does not match/,
    );
  });
});
