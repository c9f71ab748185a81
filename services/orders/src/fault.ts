import type { Logger } from '@ftt/kit';

/**
 * Fault injection for the crash tests: named points on the saga's most delicate paths where, when
 * FTT_FAULT names them, the process kills itself with SIGKILL (no cleanup, no flush), exactly as a
 * crashed pod would. With FTT_FAULT unset (and always in production, see config.ts) every point is a no-op.
 *
 *   crash-after-payment-created     the provider created the PaymentIntent; the order does not know it yet
 *   crash-before-payment-recorded   a payment success arrived (webhook / simulated pay); the order is not confirmed yet
 *   crash-after-transfer            the provider made a farmer's transfer; the order has not recorded it yet
 */
export const FAULT_POINTS = ['crash-after-payment-created', 'crash-before-payment-recorded', 'crash-after-transfer'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];
export type Fault = (point: FaultPoint) => void;

export const createFault =
  (points: ReadonlySet<FaultPoint>, log: Logger): Fault =>
  (point) => {
    if (!points.has(point)) return;
    log.fatal({ point }, 'fault injected: killing the process');
    process.kill(process.pid, 'SIGKILL');
  };
