import type { z } from 'zod';
import * as catalog from './events/catalog';
import * as identity from './events/identity';
import * as logistics from './events/logistics';
import * as orders from './events/orders';

import type { EventDefinition } from './define';

// Every event definition the event modules export: adding an event to a module registers it.
type AnyDef = EventDefinition<string, z.ZodType>;
type DefsOf<M> = Extract<M[keyof M], AnyDef>;
type Def = DefsOf<typeof catalog> | DefsOf<typeof orders> | DefsOf<typeof logistics> | DefsOf<typeof identity>;

const isDefinition = (v: unknown): v is Def =>
  typeof v === 'object' && v !== null && typeof (v as AnyDef).type === 'string' && typeof (v as AnyDef).key === 'function';

// Sorted by type: a module namespace's key order differs between loaders (tsx for `generate`, vitest for the
// test), and the generated AsyncAPI document lists messages in this order.
const all: readonly Def[] = [catalog, orders, logistics, identity]
  .flatMap((m) => Object.values(m).filter(isDefinition))
  .sort((a, b) => a.type.localeCompare(b.type));

export type EventType = Def['type'];
export type EventDefOf<T extends EventType> = Extract<Def, { type: T }>;
/** The data of an event type, inferred from its one zod schema. */
export type EventData<T extends EventType> = z.infer<EventDefOf<T>['schema']>;

export const eventDefinitions: readonly Def[] = all;

const byType = new Map<string, Def>(all.map((d) => [d.type, d]));

export const findEventDefinition = (type: string): Def | undefined => byType.get(type);

export const getEventDefinition = <T extends EventType>(type: T): EventDefOf<T> => {
  const def = byType.get(type);
  if (!def) throw new Error(`unknown event type ${type}`);
  return def as EventDefOf<T>;
};
