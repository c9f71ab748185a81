import type { Principal } from '@ftt/kit';
import { shipmentCurves, type CurveSeries } from '../domain/cold-chain/curve';
import type { Shipment } from '../domain/shipment';
import type { Context } from './context';
import { trackShipment } from './queries';
import { loadOrder } from './order-access';

/** Hour buckets read per shipment for a curve: three days of one logger (a delivery takes hours). */
export const CURVE_MAX_HOURS = 72;

/** The loggers' curves of each shipment (only those with readings), downsampled for charts and exports. */
export const curvesOf = async (ctx: Context, shipments: readonly Shipment[]) => {
  const out = new Map<string, CurveSeries[]>();
  for (const s of shipments) {
    const byDevice = await ctx.coldChain.readings.ofShipment(s.shipmentId, CURVE_MAX_HOURS);
    const curves = shipmentCurves(byDevice, ctx.coldChain.curvePoints);
    if (curves.length) out.set(s.shipmentId, curves);
  }
  return out;
};

/**
 * A shipment's curves as clients see them: loggers by name (no device id), their excursions with them. The names are
 * the curves' own unless `nameOf` says otherwise (a partner sees the labels of the loggers they attached).
 */
export const curveView = (
  s: Shipment,
  curves: readonly CurveSeries[],
  nameOf: (deviceId: string) => string = (id) => curves.find((c) => c.deviceId === id)?.name ?? 'Logger',
) => {
  return {
    shipmentId: s.shipmentId,
    farmName: s.farmName,
    coldChain: s.coldChain,
    series: curves.map((c) => ({
      name: nameOf(c.deviceId),
      points: c.points.map((p) => ({ time: new Date(p.t).toISOString(), temperatureC: p.c })),
    })),
    excursions: s.excursions.flatMap((e) =>
      e.deviceId
        ? [
            {
              from: e.time,
              until: e.until ?? e.time,
              temperatureC: e.temperatureC,
              logger: nameOf(e.deviceId),
            },
          ]
        : [],
    ),
  };
};

/** The temperature curves of an order's shipments: for its buyer and admins (as the order's trace). */
export const orderTemperatures = async (ctx: Context, caller: Principal, orderId: string) => {
  const { shipments } = await loadOrder(ctx, caller, orderId);
  const curves = await curvesOf(ctx, shipments);
  return { shipments: shipments.map((s) => curveView(s, curves.get(s.shipmentId) ?? [])) };
};

/** Public, by tracking code: the curve of one shipment, nothing personal. */
export const trackedTemperatures = async (ctx: Context, trackingCode: string) => {
  const s = await trackShipment(ctx, trackingCode);
  const curves = await curvesOf(ctx, [s]);
  return { shipments: [curveView(s, curves.get(s.shipmentId) ?? [])] };
};
