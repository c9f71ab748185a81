import { MAX_READINGS_PER_BATCH, SensorReading } from '@ftt/contracts';
import { nameSchemas } from '@ftt/kit';
import { z } from 'zod';

export const DeviceParams = z.strictObject({ deviceId: z.string().min(1).max(64) });
export const AttachmentParams = z.strictObject({
  deviceId: z.string().min(1).max(64),
  shipmentId: z.string().min(1).max(64),
});

export const RegisterDeviceBody = z.strictObject({
  kind: z.enum(['crate', 'vehicle']),
  label: z.string().trim().min(1).max(100),
  serial: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.:/-]+$/, 'letters, digits and . : / - _ only')
    .optional()
    .describe('The serial number printed on the logger (its maker’s), to tell loggers apart'),
});
export const AttachBody = z.strictObject({ shipmentId: z.string().min(1).max(64) });

/**
 * A batch from one logger: 1..500 readings, each {t: ISO 8601 with offset, c: °C}. Strict at every level: a reading
 * saying more than we read (a "unit": "F") is refused, never stored as if it were °C. (The event's own schema stays
 * open, so that consumers read newer events.)
 */
export const ReadingsBody = z.strictObject({
  readings: z.array(z.strictObject(SensorReading.shape)).min(1).max(MAX_READINGS_PER_BATCH),
});

export const DeviceView = z.object({
  deviceId: z.string(),
  kind: z.enum(['crate', 'vehicle']),
  label: z.string(),
  serial: z.string().optional(),
  ownerId: z.string(),
  createdAt: z.string(),
});
export const DeviceList = z.object({ devices: z.array(DeviceView) });
export const RegisteredDevice = DeviceView.extend({
  secret: z.string().describe('Shown once: the logger sends `Authorization: Device <deviceId>:<secret>`.'),
});
export const AttachmentView = z.object({
  deviceId: z.string(),
  shipmentId: z.string(),
  from: z.string(),
  to: z.string().nullable(),
});
export const ReadingsAccepted = z.object({ accepted: z.number().int(), eventId: z.string() });

const CurvePoint = z.object({ time: z.string(), temperatureC: z.number() });
const CurveSeries = z.object({ name: z.string(), points: z.array(CurvePoint) });
export const ShipmentCurve = z.object({
  shipmentId: z.string(),
  farmName: z.string(),
  coldChain: z.object({ minC: z.number(), maxC: z.number() }),
  series: z.array(CurveSeries),
  excursions: z.array(
    z.object({ from: z.string(), until: z.string(), temperatureC: z.number(), logger: z.string() }),
  ),
});
export const TemperatureCurves = z.object({ shipments: z.array(ShipmentCurve) });

nameSchemas({
  Device: DeviceView,
  DeviceList,
  RegisteredDevice,
  DeviceAttachment: AttachmentView,
  ReadingsAccepted,
  CurvePoint,
  CurveSeries,
  ShipmentCurve,
  TemperatureCurves,
});
