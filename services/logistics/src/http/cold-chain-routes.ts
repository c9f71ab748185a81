import type { Api } from '@ftt/kit';
import type { Device } from '../domain/cold-chain/device';
import type { Context } from '../use-cases/context';
import { attachDevice, detachDevice, myDevices, registerDevice } from '../use-cases/devices';
import { orderTemperatures, trackedTemperatures } from '../use-cases/temperatures';
import {
  AttachBody,
  AttachmentParams,
  AttachmentView,
  DeviceList,
  DeviceParams,
  RegisterDeviceBody,
  RegisteredDevice,
  TemperatureCurves,
} from './cold-chain-schemas';
import { OrderParams, TrackingParams } from './schemas';

const deviceView = (d: Device) => ({
  deviceId: d.deviceId,
  kind: d.kind,
  label: d.label,
  ...(d.serial ? { serial: d.serial } : {}),
  ownerId: d.ownerId,
  createdAt: d.createdAt,
});
const attachmentView = (a: { deviceId: string; shipmentId: string; from: string; to: string | null }) => ({
  deviceId: a.deviceId,
  shipmentId: a.shipmentId,
  from: a.from,
  to: a.to,
});

/** Temperature loggers (register, attach to a shipment, detach) and the temperature curves of traces and tracking. */
export const coldChainRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'post',
    path: '/devices',
    summary:
      'Register a temperature logger (per crate or per vehicle). The answer holds its secret, shown once; the logger ' +
      'sends its readings to the ingest with `Authorization: Device <deviceId>:<secret>`.',
    tags: ['cold chain'],
    auth: ['partner'],
    body: RegisterDeviceBody,
    status: 201,
    response: RegisteredDevice,
    handler: async ({ principal, body }) => {
      const { device, secret } = await registerDevice(ctx, principal, body);
      return { ...deviceView(device), secret };
    },
  });
  api.route({
    method: 'get',
    path: '/devices',
    summary: 'The caller’s temperature loggers, newest first.',
    tags: ['cold chain'],
    auth: ['partner'],
    response: DeviceList,
    handler: async ({ principal }) => ({ devices: (await myDevices(ctx, principal)).map(deviceView) }),
  });
  api.route({
    method: 'post',
    path: '/devices/:deviceId/attachments',
    summary:
      'Put the logger with a shipment the caller carries (claimed, picked up, on the way): from now on its readings ' +
      'belong to the shipment too, until detached or the shipment ends. Attaching again changes nothing.',
    tags: ['cold chain'],
    auth: ['partner'],
    params: DeviceParams,
    body: AttachBody,
    status: 201,
    response: AttachmentView,
    errors: [403, 404, 409],
    handler: async ({ principal, params, body }) =>
      attachmentView(await attachDevice(ctx, principal, params.deviceId, body.shipmentId)),
  });
  api.route({
    method: 'delete',
    path: '/devices/:deviceId/attachments/:shipmentId',
    summary: 'Take the logger off the shipment; the interval it carried it is kept with its readings.',
    tags: ['cold chain'],
    auth: ['partner'],
    params: AttachmentParams,
    response: AttachmentView,
    errors: [403, 404],
    handler: async ({ principal, params }) =>
      attachmentView(await detachDevice(ctx, principal, params.deviceId, params.shipmentId)),
  });
  api.route({
    method: 'get',
    path: '/trace/orders/:orderId/temperatures',
    summary:
      'The temperature curve of each shipment of the order, per logger, downsampled (at most a few hundred points), ' +
      'with the cold-chain range and the loggers’ excursions. For the buyer of the order and admins.',
    tags: ['traceability', 'cold chain'],
    auth: ['buyer'],
    params: OrderParams,
    response: TemperatureCurves,
    errors: [404],
    handler: ({ principal, params }) => orderTemperatures(ctx, principal, params.orderId),
  });
  api.route({
    method: 'get',
    path: '/track/:trackingCode/temperatures',
    summary:
      'Public: the temperature curve of the tracked shipment, per logger, downsampled. Nothing personal.',
    tags: ['tracking', 'cold chain'],
    auth: 'public',
    params: TrackingParams,
    response: TemperatureCurves,
    errors: [404],
    handler: ({ params }) => trackedTemperatures(ctx, params.trackingCode),
  });
};
