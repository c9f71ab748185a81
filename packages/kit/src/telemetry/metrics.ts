import type { Meter, MetricAttributes } from '@opentelemetry/api';
import { currentTelemetry, whenTelemetryEnabled } from './setup';

export type Labels = Record<string, string | number | boolean>;

export interface CounterMetric {
  inc(labels?: Labels, by?: number): void;
}
export interface GaugeMetric {
  set(value: number, labels?: Labels): void;
}
export interface HistogramMetric {
  observe(value: number, labels?: Labels): void;
}
export interface ObservedMetric {
  /** Stop observing (e.g. when the thing measured is stopped). */
  remove(): void;
}
export type Observe = (value: number, labels?: Labels) => void;

/**
 * Instruments bind to the process's meter on first use after initTelemetry, so a service may declare
 * them at module load; before that, and when telemetry is disabled, they record nothing.
 */
const lazy = <I>(make: (m: Meter) => I): (() => I | undefined) => {
  let instrument: I | undefined;
  return () => {
    if (instrument) return instrument;
    const t = currentTelemetry();
    if (!t?.enabled) return undefined;
    return (instrument = make(t.meter));
  };
};

const declared = new Map<string, unknown>();
const once = <T>(name: string, make: () => T): T => {
  const found = declared.get(name);
  if (found) return found as T;
  const made = make();
  declared.set(name, made);
  return made;
};

/** Seconds, from 5 ms to 10 s: request, message and database latencies. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Metrics for services, exposed at GET /metrics (Prometheus text) and pushed over OTLP when configured.
 * Names are Prometheus names (`orders_terminal_total`); labels are low-cardinality (never ids).
 */
export const metrics = {
  counter(name: string, help: string): CounterMetric {
    return once(name, () => {
      const get = lazy((m) => m.createCounter(name, { description: help }));
      return { inc: (labels, by = 1) => get()?.add(by, labels as MetricAttributes) } satisfies CounterMetric;
    });
  },

  gauge(name: string, help: string): GaugeMetric {
    return once(name, () => {
      const get = lazy((m) => m.createGauge(name, { description: help }));
      return {
        set: (value, labels) => get()?.record(value, labels as MetricAttributes),
      } satisfies GaugeMetric;
    });
  },

  histogram(name: string, help: string, o: { buckets?: number[]; unit?: string } = {}): HistogramMetric {
    return once(name, () => {
      const get = lazy((m) =>
        m.createHistogram(name, {
          description: help,
          ...(o.unit ? { unit: o.unit } : {}),
          advice: { explicitBucketBoundaries: o.buckets ?? LATENCY_BUCKETS },
        }),
      );
      return {
        observe: (value, labels) => get()?.record(value, labels as MetricAttributes),
      } satisfies HistogramMetric;
    });
  },

  /**
   * A gauge read when metrics are collected (a scrape or an OTLP push): `collect` observes one value per
   * label set. Several sources may share a name; each is removed on its own.
   */
  observableGauge(
    name: string,
    help: string,
    collect: (observe: Observe) => void | Promise<void>,
  ): ObservedMetric {
    const sources = once(name, () => {
      const set = new Set<(observe: Observe) => void | Promise<void>>();
      let registered = false;
      return {
        set,
        register: () => {
          if (registered) return;
          const t = currentTelemetry();
          if (!t?.enabled) return;
          registered = true;
          t.meter.createObservableGauge(name, { description: help }).addCallback(async (result) => {
            await Promise.all(
              [...set].map((source) =>
                withTimeout(
                  source((v, l) => result.observe(v, l as MetricAttributes)),
                  2000,
                ).catch(() => undefined),
              ),
            );
          });
        },
      };
    });
    sources.set.add(collect);
    whenTelemetryEnabled(sources.register);
    return { remove: () => sources.set.delete(collect) };
  },
};

/** A slow source must not hold up a scrape: its values are simply missing from that one. */
const withTimeout = async (p: void | Promise<void>, ms: number): Promise<void> => {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
};
