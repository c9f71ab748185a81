/**
 * `pnpm new:service <name>`: a new service under services/<name> from scripts/templates/service — one aggregate
 * defined once (use-cases/aggregates.ts) with its repository and command handler from the kit, pure deciders with
 * given/when/then tests, thin HTTP routes, a composition root on the kit's runService, and an integration test that
 * starts it against the real servers. Then `pnpm install` links its dependencies (`--no-install` leaves that out).
 * test/infra/new-service.int.test.ts makes one, builds it, runs its tests, starts it and removes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './dist';

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'templates', 'service');

/** A service's name: lower-case words joined by '-', as the folder, the package (@ftt/<name>) and the event source. */
export const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const camel = (name: string) => pascal(name)[0]!.toLowerCase() + pascal(name).slice(1);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));

/** Writes services/<name> from the template; returns the files written (relative to the repository). */
export const newService = (name: string, o: { install?: boolean } = {}): string[] => {
  if (!SERVICE_NAME.test(name)) throw new Error(`"${name}" is not a service name: lower-case words joined by '-' (e.g. pantry, farm-tours)`);
  const target = join(repoRoot, 'services', name);
  if (existsSync(target)) throw new Error(`services/${name} exists already`);
  const written: string[] = [];
  for (const file of filesUnder(TEMPLATE)) {
    const out = join(target, relative(TEMPLATE, file).replace(/\.tmpl$/, ''));
    const text = readFileSync(file, 'utf8').replaceAll('__name__', name).replaceAll('__Name__', pascal(name)).replaceAll('__camel__', camel(name));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    written.push(relative(repoRoot, out));
  }
  if (o.install ?? true) {
    const r = spawnSync('pnpm', ['install', '--prefer-offline'], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('pnpm install failed: run it again once the registry answers');
  }
  return written;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--'));
  if (!name) {
    console.error('usage: pnpm new:service <name> [--no-install]');
    process.exit(2);
  }
  try {
    const files = newService(name, { install: !args.includes('--no-install') });
    console.log(`services/${name}: ${files.length} files from scripts/templates/service`);
    console.log(
      [
        'next:',
        `  pnpm exec vitest run --project unit --project integration services/${name}`,
        `  add its README to scripts/gen-config-docs.ts (DOCUMENTS) with a <!-- config:${name} --> block, then pnpm gen:config-docs`,
        `  its queries in test/data/query-plans.e2e.test.ts, its port in scripts/dev.sh and deploy/ (docs/service-guide.md)`,
      ].join('\n'),
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
