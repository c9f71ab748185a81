import { expect } from 'vitest';
import { asWritten, type AggregateDefinition, type DomainEventOf } from './command/aggregate';
import type { Outcome } from './domain/outcome';

/**
 * Deciders tested the same way in every service: given a state (or the events that made it), when a command, then
 * the new state and events, an ignore, or a rejection. One command at a time: a `then` hands on the state it checked,
 * so the next `when` reads as the next step of the business rule.
 *
 *   decider(reservationAggregate)
 *     .given(reserving)
 *     .when(reserveSucceeded, { ttlSeconds: 1200 }, t0)
 *     .then({ state: { status: 'reserved' }, events: [{ type: 'ftt.catalog.stock.reserved.v1' }] })
 *     .when(onConfirmed)
 *     .then({ state: { status: 'committed' } });
 *
 * `when` takes a decider and its command (`when(decide, command, now?)`: the decider is `(state, command, now)`), or a
 * decision on the state alone (`when((state, now) => …, now?)`, a decider without a command).
 *
 * With an aggregate definition, every state given and written must match its `schema` (when it has one), and a change
 * is compared as the handler writes it (a `versioned` state gets the version
 * the store sets, and its events the version they carry). `state` and each event are matched as partial objects
 * (`toMatchObject`); `events` must list every event, in order.
 */
/** What `toMatchObject` compares: any part of the value, at any depth (arrays element by element). */
export type PartialDeep<T> = T extends readonly (infer I)[]
  ? readonly PartialDeep<I>[]
  : T extends object
    ? { [K in keyof T]?: PartialDeep<T[K]> }
    : T;

export interface Expected<S, E> {
  state?: PartialDeep<S>;
  events?: Array<Partial<E> | { type: string; data?: unknown }>;
}

export interface Then<S, E> {
  /** A change: the state and events match (the state handed on is the changed one). */
  then(expected?: Expected<S, E>): Given<S, E> & { state: S; events: E[] };
  /** An ignore (a late or repeated command: nothing to do); the state stays as given. */
  thenIgnores(reason?: string | RegExp): Given<S, E> & { state: S | null };
  /** A rejection with this code (and message). */
  thenRejects(code: string, message?: string | RegExp): Given<S, E> & { state: S | null };
  /** The raw outcome, for what the other three do not say. */
  outcome: Outcome<S, E>;
}

export interface Given<S, E> {
  when(decision: (state: S, now: Date) => Outcome<S, E> | Promise<Outcome<S, E>>, now?: Date): Then<S, E>;
  when<C>(decide: (state: S, command: C, now: Date) => Outcome<S, E>, command: NoInfer<C>, now?: Date): Then<S, E>;
}

export interface GivenNothing<S, E> {
  when(decision: (state: null, now: Date) => Outcome<S, E>, now?: Date): Then<S, E>;
  when<C>(decide: (state: null, command: C, now: Date) => Outcome<S, E>, command: NoInfer<C>, now?: Date): Then<S, E>;
}

export interface DeciderSpec<S, E> {
  given(state: S): Given<S, E>;
  given(state: null): GivenNothing<S, E>;
  /** The state the events made, by `evolve`. */
  givenEvents(events: E[]): Given<S, E>;
}

const DEFAULT_NOW = new Date('2026-01-01T00:00:00Z');

const matches = (actual: string, expected: string | RegExp) =>
  typeof expected === 'string' ? expect(actual).toBe(expected) : expect(actual).toMatch(expected);

/** A state its aggregate's schema refuses fails the test, naming where (`what`: the given state or a decider's). */
const conforms = <S>(schema: AggregateDefinition<S>['schema'], state: S | null, what: string) => {
  if (!schema || state === null) return;
  const r = schema.safeParse(state);
  if (!r.success) throw new Error(`${what} does not match the aggregate's state schema: ${r.error.message}`);
};

export const decider = <S, E extends DomainEventOf = never>(
  aggregate?: Pick<AggregateDefinition<S, E>, 'versioned' | 'schema'>,
  o: { evolve?: (state: S | null, event: E) => S; now?: Date } = {},
): DeciderSpec<S, E> => {
  const written = (current: S | null, outcome: Outcome<S, E>) =>
    aggregate ? asWritten(aggregate as AggregateDefinition<S, E>, current, outcome) : outcome;
  const given = (current: S | null) => {
    conforms(aggregate?.schema, current, 'the given state');
    return givenChecked(current);
  };
  const givenChecked = (current: S | null) => ({
    when(decide: (...args: never[]) => Outcome<S, E> | Promise<Outcome<S, E>>, ...rest: unknown[]): Then<S, E> {
      // when(decide, command, now?) or when(decision, now?): a Date (or nothing) after the function is the decision's now.
      const withCommand = rest.length > 0 && rest[0] !== undefined && !(rest[0] instanceof Date);
      const now = ((withCommand ? rest[1] : rest[0]) as Date | undefined) ?? o.now ?? DEFAULT_NOW;
      const call = decide as (...args: unknown[]) => Outcome<S, E> | Promise<Outcome<S, E>>;
      const raw = withCommand ? call(current, rest[0], now) : call(current, now);
      if (raw instanceof Promise) throw new Error('decider(): a decider is a pure function; this one returned a promise');
      const outcome = written(current, raw);
      if (outcome.kind === 'change') conforms(aggregate?.schema, outcome.state, 'the state the decider writes');
      return {
        outcome,
        then(expected = {}) {
          if (outcome.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(outcome)}`);
          if (expected.state) expect(outcome.state).toMatchObject(expected.state as object);
          if (expected.events) {
            expect(outcome.events.map((e) => e.type)).toEqual(expected.events.map((e) => (e as { type: string }).type));
            expected.events.forEach((e, i) => expect(outcome.events[i]).toMatchObject(e as object));
          }
          return { ...givenChecked(outcome.state), state: outcome.state, events: outcome.events };
        },
        thenIgnores(reason) {
          if (outcome.kind !== 'ignore') throw new Error(`expected an ignore, got ${JSON.stringify(outcome)}`);
          if (reason !== undefined) matches(outcome.reason, reason);
          return { ...givenChecked(current), state: current };
        },
        thenRejects(code, message) {
          if (outcome.kind !== 'reject') throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
          expect(outcome.code).toBe(code);
          if (message !== undefined) matches(outcome.message, message);
          return { ...givenChecked(current), state: current };
        },
      };
    },
  });
  return {
    given: given as DeciderSpec<S, E>['given'],
    givenEvents(events) {
      if (!o.evolve) throw new Error('decider(): givenEvents needs `evolve`');
      return given(events.reduce<S | null>((s, e) => o.evolve!(s, e), null));
    },
  };
};
