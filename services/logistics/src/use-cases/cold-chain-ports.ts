import type { Attachment, Device } from '../domain/cold-chain/device';
import type { DetectorSettings, Reading } from '../domain/cold-chain/excursion';
import type { Shipment } from '../domain/shipment';
import type { Recent } from './recent';

/** Temperature loggers and the intervals they carried shipments (data/device-repo.ts). */
export interface DeviceStore {
  register(device: Device): Promise<'written' | 'duplicate'>;
  get(deviceId: string): Promise<Device | null>;
  byOwner(ownerId: string, limit: number): Promise<Device[]>;
  attach(a: Attachment): Promise<Attachment>;
  detach(deviceId: string, shipmentId: string, to: string): Promise<Attachment | null>;
  overlapping(deviceId: string, fromMs: number, toMs: number): Promise<Attachment[]>;
  byShipment(shipmentId: string): Promise<Attachment[]>;
}

/** Readings per shipment and device, in hour buckets (data/reading-repo.ts). */
export interface ReadingStore {
  /** Add readings; pairs already stored (a redelivery) are not added again. */
  append(shipmentId: string, deviceId: string, readings: readonly Reading[]): Promise<void>;
  window(shipmentId: string, deviceId: string, fromMs: number, toMs: number): Promise<Reading[]>;
  ofShipment(shipmentId: string, maxHours: number): Promise<Map<string, Reading[]>>;
}

/** What the cold-chain use cases add to the service's context. */
export interface ColdChainDeps {
  devices: DeviceStore;
  readings: ReadingStore;
  detector: DetectorSettings;
  /** Points per device in a trace's curve and in the EPCIS sensor report. */
  curvePoints: number;
  /** The consumer's memo of a device's attachments (forgotten here on attach/detach). */
  attachmentsOf: Recent<Attachment[]>;
  /** The consumer's memo of a shipment's range, lots and end. */
  shipmentOf: Recent<Shipment | null>;
}
