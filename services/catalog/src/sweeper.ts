import type { Background } from '@ftt/kit';
import type { CatalogDeps } from './use-cases/context';
import { sweepOnce } from './use-cases/sweep';

/** Runs the sweeper every intervalMs until stopped; a failed pass is logged and retried next time. */
export const startSweeper = (d: CatalogDeps, intervalMs: number): Background => {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      try {
        await sweepOnce(d);
      } catch (err) {
        d.log.warn({ err }, 'sweep failed');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, intervalMs);
      });
    }
  })();
  return {
    name: 'reservation-sweeper',
    stop: async () => {
      running = false;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
};
