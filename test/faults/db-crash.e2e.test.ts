import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectMongo } from '@ftt/kit';
import { eventually, testEnv } from '@ftt/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../support/system';

// SIGKILLs the native database server: this file lives in the e2e-servers project, which runs files one at
// a time, on servers of its own (scripts/test.sh).
// Against a server these scripts did not start (MONGO_URL given, e.g. a container) there is nothing to kill.
const native =
  !process.env.MONGO_URL || process.env.MONGO_URL.includes(`127.0.0.1:${process.env.MONGO_PORT ?? 27017}`);
const pidFile = join(process.env.FTT_STATE_DIR ?? join(root, '.local'), 'run', 'mongo.pid');
const serversUp = () =>
  execFileSync('bash', [join(root, 'scripts', 'servers-up.sh'), 'mongo'], { stdio: 'inherit', timeout: 180_000 });

const t = testEnv('dbcrash');
const WRITERS = 16;

afterAll(() => {
  serversUp(); // whatever happened, the next test file finds the server up
});

describe.runIf(native)('the database server killed under write load', () => {
  it(
    'when it is SIGKILLed while 16 writers insert and increment, and restarted, then every acknowledged write is there',
    async () => {
      const conn = await connectMongo(t.mongoUrl, WRITERS, { monitorCommands: false });
      const c = conn.db!.collection<{ _id: string; n?: number }>('acks');
      await c.insertOne({ _id: 'counter', n: 0 });
      const acknowledged: string[] = [];
      let increments = 0;
      let failures = 0;
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            await c.insertOne({ _id: `w${w}-${i}` });
            acknowledged.push(`w${w}-${i}`);
            await c.updateOne({ _id: 'counter' }, { $inc: { n: 1 } });
            increments++;
          } catch {
            failures++; // the server is down: this write was not acknowledged, so it may or may not be there
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      });

      await eventually(() => acknowledged.length >= 1000, 60_000, 20);
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      await eventually(() => failures > 0, 30_000, 20);
      const before = acknowledged.length;
      const restartedAt = performance.now();
      serversUp();
      const restartMs = performance.now() - restartedAt;
      // The writers carry on against the restarted server.
      await eventually(() => acknowledged.length >= before + 500, 120_000, 50);
      stop = true;
      await Promise.all(writers);

      const stored = new Set(
        (await c.find({ _id: { $in: acknowledged } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
      );
      const lost = acknowledged.filter((id) => !stored.has(id));
      const counter = await c.findOne({ _id: 'counter' });
      console.log(
        `db crash: ${acknowledged.length} inserts and ${increments} increments acknowledged (${before} before the kill), ` +
          `${failures} failed while down, ${lost.length} lost; restart to ready ${Math.round(restartMs)} ms (script included)`,
      );
      expect(lost).toEqual([]);
      // An increment whose reply the kill swallowed may be there too, so at least, not exactly.
      expect(counter!.n).toBeGreaterThanOrEqual(increments);
      await conn.db!.dropDatabase();
      await conn.close();
    },
    300_000,
  );
});
