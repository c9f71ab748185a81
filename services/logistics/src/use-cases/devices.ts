import { createHash, randomBytes } from 'node:crypto';
import { actingPartner, DomainError, mayPartner, type Principal } from '@ftt/kit';
import { listedFor } from './acting';
import type { Attachment, Device } from '../domain/cold-chain/device';
import { isTerminal } from '../domain/shipment';
import type { Context } from './context';

/** sha256 of a device secret: the secret is 32 random bytes, so a fast hash is enough (nothing to brute-force). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * A partner's manager registers a logger for the partner: it gets an id and a secret, shown once; only the secret's
 * hash is stored. The logger authenticates its readings with both (use-cases/ingest.ts).
 */
export const registerDevice = async (
  ctx: Context,
  caller: Principal,
  input: { kind: Device['kind']; label: string; serial?: string | undefined },
): Promise<{ device: Device; secret: string }> => {
  const secret = randomBytes(32).toString('base64url');
  const device: Device = {
    deviceId: `dev-${randomBytes(9).toString('base64url')}`,
    kind: input.kind,
    label: input.label,
    ...(input.serial ? { serial: input.serial } : {}),
    ownerId: actingPartner(caller, 'devices.manage', undefined, 'device'),
    secretHash: hashSecret(secret),
    createdAt: ctx.clock().toISOString(),
  };
  await ctx.coldChain.devices.register(device);
  return { device, secret };
};

export const myDevices = (ctx: Context, caller: Principal) =>
  ctx.coldChain.devices.byOwner(listedFor(caller), 200);

const ownDevice = async (ctx: Context, caller: Principal, deviceId: string) => {
  const device = await ctx.coldChain.devices.get(deviceId);
  if (!device)
    throw new DomainError('device.not_found', `no device ${deviceId}`, [
      { field: 'params.deviceId', message: 'no such logger' },
    ]);
  if (!mayPartner(caller, device.ownerId, 'devices.attach'))
    throw new DomainError('device.forbidden', "this logger is not your partner's", [
      { field: 'params.deviceId', message: "not one of your partner's loggers" },
    ]);
  return device;
};

/** A shipment may carry a logger from its claim until it ends (delivered, returned, cancelled). */
const CARRYING = ['assigned', 'picked_up', 'out_for_delivery', 'delivery_failed'];

/**
 * The partner puts their logger with a shipment they carry (at pickup, or any time on the way). From now on the
 * device's readings belong to the shipment too, until it is detached or the shipment ends. Attaching again while
 * attached changes nothing.
 */
export const attachDevice = async (
  ctx: Context,
  caller: Principal,
  deviceId: string,
  shipmentId: string,
): Promise<Attachment> => {
  await ownDevice(ctx, caller, deviceId);
  const s = await ctx.shipments.get(shipmentId);
  if (!s)
    throw new DomainError('shipment.not_found', `no shipment ${shipmentId}`, [
      { field: 'body.shipmentId', message: 'no such shipment' },
    ]);
  if (!mayPartner(caller, s.partnerId ?? '', 'devices.attach'))
    throw new DomainError('shipment.forbidden', 'your partner does not carry this shipment', [
      { field: 'body.shipmentId', message: 'not a shipment your partner carries' },
    ]);
  if (!CARRYING.includes(s.status) || isTerminal(s.status)) {
    throw new DomainError('attachment.invalid_transition', `a ${s.status} shipment cannot carry a logger`, [
      { field: 'body.shipmentId', message: `the shipment is ${s.status.replace(/_/g, ' ')}` },
    ]);
  }
  ctx.coldChain.attachmentsOf.forget(deviceId);
  return ctx.coldChain.devices.attach({
    deviceId,
    shipmentId,
    from: ctx.clock().toISOString(),
    to: null,
    attachedBy: caller.userId,
  });
};

/** The logger leaves the shipment: its interval is closed now and kept (its readings stay with the shipment). */
export const detachDevice = async (ctx: Context, caller: Principal, deviceId: string, shipmentId: string) => {
  await ownDevice(ctx, caller, deviceId);
  ctx.coldChain.attachmentsOf.forget(deviceId);
  const closed = await ctx.coldChain.devices.detach(deviceId, shipmentId, ctx.clock().toISOString());
  if (!closed)
    throw new DomainError('attachment.not_found', `device ${deviceId} does not carry ${shipmentId}`, [
      { field: 'params.shipmentId', message: 'the logger is not attached to this shipment' },
    ]);
  return closed;
};
