import { downsample, type Reading } from './excursion';

/** One logger's temperature curve on a shipment, bounded in points; named by its order, not by its device id. */
export interface CurveSeries {
  name: string;
  deviceId: string;
  points: Reading[];
  /** First and last reading of the whole series (the points may leave them out). */
  startMs: number;
  endMs: number;
}

/** A shipment's curves, one per device that carried it, each downsampled to at most `maxPoints` points. */
export const shipmentCurves = (
  byDevice: ReadonlyMap<string, readonly Reading[]>,
  maxPoints: number,
): CurveSeries[] =>
  [...byDevice]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([deviceId, readings], i) => ({
      name: `Logger ${i + 1}`,
      deviceId,
      points: downsample(readings, maxPoints),
      startMs: readings.reduce((m, r) => Math.min(m, r.t), Number.POSITIVE_INFINITY),
      endMs: readings.reduce((m, r) => Math.max(m, r.t), Number.NEGATIVE_INFINITY),
    }))
    .filter((s) => s.points.length > 0);
