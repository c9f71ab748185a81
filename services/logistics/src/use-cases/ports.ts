import type { OutgoingEvent } from '@ftt/contracts';
import type { WriteResult } from '@ftt/kit';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import type { LotRecord } from '../domain/trace/lot';

export type StoredShipment = Shipment & { version: number };

/** What the use cases need from storage; data/ implements it with mongoose and the kit's AggregateStore. */
export interface ShipmentRepo {
  get(shipmentId: string): Promise<StoredShipment | null>;
  insert(s: Shipment, events: OutgoingEvent[], processedEventId?: string): Promise<WriteResult>;
  update(
    s: Shipment,
    expectedVersion: number,
    events: OutgoingEvent[],
    processedEventId?: string,
  ): Promise<WriteResult>;
  byTrackingCode(trackingCode: string): Promise<StoredShipment | null>;
  open(region: string, limit: number): Promise<StoredShipment[]>;
  byPartner(partnerId: string, status?: ShipmentStatus): Promise<StoredShipment[]>;
  byOrder(orderId: string): Promise<StoredShipment[]>;
  byLot(lotCode: string): Promise<StoredShipment[]>;
}

export interface LotRepo {
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

export interface OrderFactsRepo {
  /** Records the confirmation unless the order was already cancelled; returns what is stored afterwards. */
  confirmed(orderId: string, buyerId: string, at: string): Promise<OrderFacts>;
  cancelled(orderId: string, at: string): Promise<void>;
  completed(orderId: string, at: string): Promise<void>;
  get(orderId: string): Promise<OrderFacts | null>;
}

export interface Clock {
  now(): Date;
}
