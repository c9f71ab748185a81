import { request } from './client';
import type { DeviceAttachment, DeviceList, RegisteredDevice, ShipmentLoggers } from './types';

const id = encodeURIComponent;

/** A partner's temperature loggers (logistics' cold chain): register, attach to a shipment, take off. */
export const loggers = {
  mine: () => request<DeviceList>('logistics', '/devices'),
  register: (body: { kind: 'crate' | 'vehicle'; label: string; serial?: string }) =>
    request<RegisteredDevice>('logistics', '/devices', { method: 'POST', body }),
  attach: (deviceId: string, shipmentId: string) =>
    request<DeviceAttachment>('logistics', `/devices/${id(deviceId)}/attachments`, {
      method: 'POST',
      body: { shipmentId },
    }),
  detach: (deviceId: string, shipmentId: string) =>
    request<DeviceAttachment>('logistics', `/devices/${id(deviceId)}/attachments/${id(shipmentId)}`, {
      method: 'DELETE',
    }),
  /** The loggers on a shipment with their latest readings and the curve (its partner only). */
  ofShipment: (shipmentId: string) =>
    request<ShipmentLoggers>('logistics', `/shipments/${id(shipmentId)}/loggers`),
};
