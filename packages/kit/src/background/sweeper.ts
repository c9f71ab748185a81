import type { Logger } from '../logger';
import type { Background } from '../service';
import { withoutTrace } from '../telemetry/trace-context';

/**
 * Runs a pass every `everyMs`, never two at once in this process; other instances may run theirs
 * concurrently (every change a pass makes is a conditional write). Stop waits for the pass in flight.
 */
export const startSweeper = (
  name: string,
  everyMs: number,
  pass: () => Promise<unknown>,
  log: Logger,
): Background => {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // A pass is not part of whatever trace was active when the sweeper started.
    current = withoutTrace(pass)
      .catch((err: unknown) => log.warn({ err, sweeper: name }, 'sweep failed; next pass retries'))
      .finally(() => {
        if (running) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, everyMs);
  return {
    name,
    stop: async () => {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
};
