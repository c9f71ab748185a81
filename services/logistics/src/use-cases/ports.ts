import type { CommandStore, Page, PageRequest } from '@ftt/kit';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import type { OrderFacts } from '../domain/order-facts';
import type { Run } from '../domain/runs/run';
import type { LotRecord } from '../domain/trace/lot';

/**
 * What the use cases need from storage; data/ implements each port (ShipmentRepo, LotRepo, OrderFactsRepo).
 * Shipments are the aggregate: load/insert/update are the kit's CommandStore, used only by the command handler.
 */
export interface ShipmentStore extends CommandStore<Shipment> {
  get(shipmentId: string): Promise<Shipment | null>;
  byTrackingCode(trackingCode: string): Promise<Shipment | null>;
  open(region: string, limit: number): Promise<Shipment[]>;
  pageByPartner(partnerId: string, statuses: readonly ShipmentStatus[] | undefined, page: PageRequest): Promise<Page<Shipment>>;
  byOrder(orderId: string): Promise<Shipment[]>;
  byLot(lotCode: string): Promise<Shipment[]>;
  openForDay(region: string, day: string, limit: number): Promise<Shipment[]>;
  ofFarmDay(farmId: string, day: string, limit: number): Promise<Shipment[]>;
}

/** Runs (domain/runs/run.ts): logistics' own aggregate, written through the command handler like shipments. */
export interface RunStore extends CommandStore<Run> {
  get(runId: string): Promise<Run | null>;
  byDay(region: string, day: string, limit?: number): Promise<Run[]>;
  pageByPartner(partnerId: string, page: PageRequest): Promise<Page<Run>>;
}

/** Lots as catalog's listings describe them: a read model kept by conditional upserts, not an aggregate. */
export interface LotStore {
  /** Keep the newest snapshot of a lot; an older or repeated listing version changes nothing. */
  record(lot: LotRecord, listingVersion: number): Promise<'written' | 'stale'>;
  get(lotCode: string): Promise<LotRecord | null>;
  many(lotCodes: string[]): Promise<Map<string, LotRecord>>;
}

/** What logistics knows and decides about an order (domain/order-facts.ts): an aggregate like shipments. */
export interface OrderFactsStore extends CommandStore<OrderFacts> {
  get(orderId: string): Promise<OrderFacts | null>;
}
