import type { Logger } from '@ftt/kit';
import type { ResolveSettings } from '../domain/resolve';
import type { DeliveryStore, DigestStore, FactsStore, Mailer, NoticeStore, ProfileStore } from './ports';

export interface Settings extends ResolveSettings {
  emailDomain: string;
  appUrl: string;
  operatorIds: string[];
  digestWindowMs: number;
  stuckOrderAfterMs: number;
  sendRetryBaseMs: number;
  sendRetryMaxMs: number;
}

/** What service.ts wires: the ports, the clock, the log and this service's settings. */
export interface Deps {
  notices: NoticeStore;
  facts: FactsStore;
  profiles: ProfileStore;
  deliveries: DeliveryStore;
  digests: DigestStore;
  mailer: Mailer;
  clock: () => Date;
  log: Logger;
  settings: Settings;
  /** Send pending mail now rather than at the sender's next look. */
  kickSender: () => void;
}

/**
 * notifications changes no aggregate and publishes no event: every write is an idempotent insert or upsert
 * keyed by the event it comes from, so the context is the deps themselves.
 */
export type Context = Deps;
export const createContext = (deps: Deps): Context => deps;
