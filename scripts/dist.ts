/**
 * Where `pnpm build` puts each service's compiled entry points, and whether they are current. Kept apart from
 * scripts/build.ts so that starting a service process (test/support/system.ts) does not load esbuild.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `main.ts` -> `services/<service>/dist/main.mjs`, relative to the repository root. */
export const distEntry = (service: string, entry: string): string =>
  `services/${service}/dist/${entry.replace(/\.ts$/, '.mjs')}`;

/** What a build records next to its output: the sources each bundle was made from (from esbuild's metafile). */
export const MANIFEST = 'build-inputs.json';
export type BuildManifest = { builtAt: string; inputs: Record<string, string[]> };

/**
 * Why the compiled entry cannot be run, or undefined when it is current: missing, or older than one of the files
 * it was bundled from (the service's sources, @ftt/kit's and @ftt/contracts').
 */
export const distProblem = (service: string, entry: string): string | undefined => {
  const out = distEntry(service, entry);
  const manifestFile = join(repoRoot, 'services', service, 'dist', MANIFEST);
  if (!existsSync(join(repoRoot, out)) || !existsSync(manifestFile)) {
    return `${out} does not exist: run \`pnpm build\``;
  }
  const builtMs = statSync(join(repoRoot, out)).mtimeMs;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BuildManifest;
  const inputs = manifest.inputs[out];
  if (!inputs) return `${out} is not in ${MANIFEST}: run \`pnpm build\``;
  for (const input of inputs) {
    const file = join(repoRoot, input);
    if (!existsSync(file))
      return `${out} was built from ${input}, which no longer exists: run \`pnpm build\``;
    if (statSync(file).mtimeMs > builtMs) return `${out} is older than ${input}: run \`pnpm build\``;
  }
  return undefined;
};
