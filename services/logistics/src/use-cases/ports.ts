import type { CommandStore } from '@ftt/kit';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import type { LotRecord } from '../domain/trace/lot';

/**
 * What the use cases need from storage; data/ implements each port (ShipmentRepo, LotRepo, OrderFactsRepo).
 * Shipments are the aggregate: load/insert/update are the kit's CommandStore, used only by the command handler.
 */
export interface ShipmentStore extends CommandStore<Shipment> {
  get(shipmentId: string): Promise<Shipment | null>;
  byTrackingCode(trackingCode: string): Promise<Shipment | null>;
  open(region: string, limit: number): Promise<Shipment[]>;
  byPartner(partnerId: string, status?: ShipmentStatus): Promise<Shipment[]>;
  byOrder(orderId: string): Promise<Shipment[]>;
  byLot(lotCode: string): Promise<Shipment[]>;
}

/** Lots as catalog's listings describe them: a read model kept by conditional upserts, not an aggregate. */
export interface LotStore {
  /** Keep the newest snapshot of a lot; an older or repeated listing version changes nothing. */
  record(lot: LotRecord, listingVersion: number): Promise<'written' | 'stale'>;
  get(lotCode: string): Promise<LotRecord | null>;
  many(lotCodes: string[]): Promise<Map<string, LotRecord>>;
}

export type OrderStatus = 'confirmed' | 'cancelled' | 'completed';
export interface OrderFacts {
  orderId: string;
  buyerId?: string | undefined;
  status: OrderStatus;
  confirmedAt?: string | undefined;
  cancelledAt?: string | undefined;
  completedAt?: string | undefined;
}

/** Order status as the orders topic tells it: a read model kept by idempotent upserts. */
export interface OrderFactsStore {
  /** Records the confirmation unless the order was already cancelled; returns what is stored afterwards. */
  confirmed(orderId: string, buyerId: string, at: string): Promise<OrderFacts>;
  cancelled(orderId: string, at: string): Promise<void>;
  completed(orderId: string, at: string): Promise<void>;
  get(orderId: string): Promise<OrderFacts | null>;
}
