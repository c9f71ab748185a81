/**
 * Where an idle service spends its CPU: starts the three services with --cpu-prof, lets them idle, stops them
 * and prints each one's top functions by self time. `tsx bench/idle-profile.ts [seconds]`
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from '@ftt/kit/testing';
import { cleanupRun, SERVICES, startBenchSystem } from './lib/system';

const seconds = Number(process.argv[2] ?? 30);
const dir = '/tmp/ftt-idle-prof';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
process.env.FTT_SERVICE_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`;
const t = testEnv('idleprof');
const sys = await startBenchSystem(t, { LOG_LEVEL: 'warn' });
console.log(`idle for ${seconds}s ...`);
await new Promise((r) => setTimeout(r, seconds * 1000));
await sys.stop();
await cleanupRun(t, SERVICES);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
for (const f of readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
  const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  // Only the last `window` seconds: start-up (module loading, index creation) is not idle cost.
  const window = seconds - 10;
  const total = p.timeDeltas.reduce((a, b) => a + b, 0);
  const self = new Map<number, number>();
  let at = 0;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at < total - window * 1e6) return;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue;
    busy += us;
    const where = n.callFrame.url.replace(/^.*node_modules\/\.pnpm\/([^/]+)\/.*$/, '$1').replace(/^.*\/work\/main\//, '');
    const key = `${n.callFrame.functionName || '(anon)'} ${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const byPkg = new Map<string, number>();
  for (const [k, us] of byFn) {
    const pkg = k;
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  console.log(`\n${f}: busy ${(busy / 1000).toFixed(0)} ms over the last ${window}s = ${((busy / 1e6 / window) * 100).toFixed(1)}% of a core`);
  for (const [k, us] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}
