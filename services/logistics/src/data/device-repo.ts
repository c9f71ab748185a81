import { insertOnce } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Attachment, Device } from '../domain/cold-chain/device';
import type { DeviceStore } from '../use-cases/cold-chain-ports';

type Doc = mongo.Document;

const toDevice = ({ _id, ...d }: Doc): Device => ({ ...d, deviceId: String(_id) }) as Device;
const toAttachment = ({ _id: _key, ...a }: Doc): Attachment => a as Attachment;

/**
 * Temperature loggers (one document each, keyed by device id; the secret only as its hash) and their attachments to
 * shipments: one document per interval a device carried a shipment, kept after it ends (the readings of that
 * interval belong to that shipment).
 */
export class DeviceRepo implements DeviceStore {
  constructor(
    private readonly devices: mongo.Collection<Doc>,
    private readonly attachments: mongo.Collection<Doc>,
  ) {}

  async register(device: Device) {
    const { deviceId, ...fields } = device;
    return insertOnce(this.devices, { _id: deviceId, ...fields });
  }

  async get(deviceId: string) {
    const doc = await this.devices.findOne({ _id: deviceId } as Doc);
    return doc ? toDevice(doc) : null;
  }

  byOwner(ownerId: string, limit: number) {
    return this.devices
      .find({ ownerId }, { projection: { secretHash: 0 } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray()
      .then((docs) => docs.map(toDevice));
  }

  /** The device's open attachment to the shipment, or a new one from `from`: one open interval per pair. */
  async attach(a: Attachment): Promise<Attachment> {
    const id = `${a.deviceId}|${a.shipmentId}|open`;
    // The open interval is keyed by the pair, so two concurrent attaches make one; closing renames it (detach).
    await this.attachments
      .updateOne({ _id: id } as Doc, { $setOnInsert: { ...a, to: null } }, { upsert: true })
      .catch((err: unknown) => {
        if ((err as { code?: number }).code !== 11000) throw err;
      });
    const doc = await this.attachments.findOne({ _id: id } as Doc);
    return toAttachment(doc!);
  }

  /** Close the open interval of the pair at `to` (kept under its own key); null when none was open. */
  async detach(deviceId: string, shipmentId: string, to: string): Promise<Attachment | null> {
    const id = `${deviceId}|${shipmentId}|open`;
    const open = await this.attachments.findOneAndDelete({ _id: id } as Doc);
    if (!open) return null;
    const closed = { ...toAttachment(open), to };
    await insertOnce(this.attachments, { _id: `${deviceId}|${shipmentId}|${closed.from}`, ...closed });
    return closed;
  }

  /**
   * The intervals of a device that may hold readings between `fromMs` and `toMs`: those that began before `toMs`
   * (newest first, bounded: a device carries a few shipments a day) and had not ended before `fromMs`.
   */
  async overlapping(deviceId: string, fromMs: number, toMs: number, limit = 50) {
    const docs = await this.attachments
      .find({ deviceId, from: { $lte: new Date(toMs).toISOString() } })
      .sort({ from: -1 })
      .limit(limit)
      .toArray();
    return docs.map(toAttachment).filter((a) => a.to === null || Date.parse(a.to) >= fromMs);
  }

  byShipment(shipmentId: string) {
    return this.attachments
      .find({ shipmentId })
      .sort({ from: 1 })
      .limit(100)
      .toArray()
      .then((docs) => docs.map(toAttachment));
  }
}
