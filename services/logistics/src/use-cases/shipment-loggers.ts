import { DomainError, mayPartner, type Principal } from '@ftt/kit';
import { shipmentCurves } from '../domain/cold-chain/curve';
import type { Device } from '../domain/cold-chain/device';
import type { Context } from './context';
import { CURVE_MAX_HOURS, curveView } from './temperatures';

/** One logger that carries (or carried) a shipment, as its partner sees it: the interval and the latest reading. */
export interface ShipmentLogger {
  deviceId: string;
  label: string;
  kind: Device['kind'];
  serial?: string | undefined;
  from: string;
  to: string | null;
  latest: { time: string; temperatureC: number; outOfRange: boolean } | null;
}

/**
 * The loggers of a shipment for the members of the partner who carries it (and operators): every interval a logger was attached
 * (open ones first), each logger's latest reading on the shipment, and the curve per logger named by the logger's
 * own label (the buyer's views name them "Logger 1", …; the partner knows their loggers by name).
 */
export const shipmentLoggers = async (ctx: Context, caller: Principal, shipmentId: string) => {
  const s = await ctx.shipments.get(shipmentId);
  if (!s)
    throw new DomainError('shipment.not_found', `no shipment ${shipmentId}`, [
      { field: 'params.shipmentId', message: 'no such shipment' },
    ]);
  if (!mayPartner(caller, s.partnerId ?? '', 'shipments.read'))
    throw new DomainError('shipment.forbidden', 'your partner does not carry this shipment', [
      { field: 'params.shipmentId', message: 'not a shipment your partner carries' },
    ]);
  const [attachments, byDevice] = await Promise.all([
    ctx.coldChain.devices.byShipment(shipmentId),
    ctx.coldChain.readings.ofShipment(shipmentId, CURVE_MAX_HOURS),
  ]);
  const ids = [...new Set([...attachments.map((a) => a.deviceId), ...byDevice.keys()])];
  const devices = new Map<string, Device | null>(
    await Promise.all(ids.map(async (id) => [id, await ctx.coldChain.devices.get(id)] as const)),
  );
  const nameOf = (id: string) => devices.get(id)?.label ?? 'Logger';
  const { minC, maxC } = s.coldChain;
  const latestOf = (deviceId: string) => {
    const readings = byDevice.get(deviceId) ?? [];
    if (readings.length === 0) return null;
    const last = readings.reduce((a, b) => (b.t > a.t ? b : a));
    return {
      time: new Date(last.t).toISOString(),
      temperatureC: last.c,
      outOfRange: last.c < minC || last.c > maxC,
    };
  };
  const loggers: ShipmentLogger[] = attachments
    .map((a) => {
      const d = devices.get(a.deviceId);
      return {
        deviceId: a.deviceId,
        label: nameOf(a.deviceId),
        kind: d?.kind ?? 'crate',
        ...(d?.serial ? { serial: d.serial } : {}),
        from: a.from,
        to: a.to,
        latest: latestOf(a.deviceId),
      };
    })
    // open intervals first, then the newest closed ones
    .sort((a, b) =>
      (a.to === null) !== (b.to === null) ? (a.to === null ? -1 : 1) : b.from.localeCompare(a.from),
    );
  const curves = shipmentCurves(byDevice, ctx.coldChain.curvePoints);
  return {
    shipmentId,
    loggers,
    curve: curveView(s, curves, nameOf),
  };
};
