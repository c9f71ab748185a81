/**
 * `pnpm build`: every service's entry points (services/<name>/src/main.ts, and *-main.ts such as logistics'
 * ingest-main.ts) compiled to services/<name>/dist/<entry>.mjs, so production and the bench run JavaScript
 * without tsx's loader.
 *
 * Each entry is one file with its npm packages bundled in (the workspace packages, @ftt/kit and @ftt/contracts, are
 * TypeScript source and bundled too). A service process then starts without resolving, reading and wrapping about a
 * thousand module files: orders went from about 2.3 to 1.4 s of CPU until ready (measured with its compiled entry,
 * bench/README.md "Compiled services"), and the end-to-end tier starts about 170 service processes per run. Left
 * external, and loaded from node_modules at run time, are what cannot be bundled: native modules (sharp), packages
 * that load files beside them by path (pino's worker transports) and the optional drivers that packages require only
 * when configured to (`OPTIONAL` below). An external import resolves from services/<name>/dist, so the service itself
 * must declare it: pnpm links only declared dependencies. The build fails naming any that is missing, and any package
 * a service pins at another version than @ftt/kit or @ftt/contracts (two copies of zod or mongoose in one bundle
 * would not recognise each other's objects).
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { distEntry, MANIFEST, repoRoot, type BuildManifest } from './dist';

type Manifest = { dependencies?: Record<string, string> };
const readManifest = (dir: string) =>
  JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Manifest;

/** Bundled into no entry: native modules, and packages that load files beside them by path at run time. */
const RUNTIME_EXTERNAL = ['sharp', 'pino', 'pino-pretty', 'thread-stream'];
/**
 * Optional peers that packages require inside a try or only when configured (mongodb's compression and
 * authentication extras, better-auth's other database drivers): not installed, left as a require that fails only
 * if that feature were switched on.
 */
const OPTIONAL = [
  'kerberos',
  '@mongodb-js/zstd',
  'snappy',
  'mongodb-client-encryption',
  'socks',
  'aws4',
  'gcp-metadata',
  '@aws-sdk/credential-providers',
  'bufferutil',
  'utf-8-validate',
];

/** Bare imports of npm packages stay imports only for RUNTIME_EXTERNAL and OPTIONAL; everything else is bundled. */
const npmExternal: Plugin = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const pkg = packageOf(args.path);
      return pkg && (RUNTIME_EXTERNAL.includes(pkg) || OPTIONAL.includes(pkg))
        ? { path: args.path, external: true }
        : undefined;
    });
  },
};

const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};

/**
 * What the service's package.json must change, each as the entry it needs: the packages its bundle leaves external
 * (they resolve from the service's folder at run time) that it does not declare, and the packages it declares at
 * another version than @ftt/kit or @ftt/contracts (bundled from two folders, they would be two copies).
 */
const undeclared = (service: string, metafile: Metafile): string[] => {
  const declared = readManifest(`services/${service}`).dependencies ?? {};
  const pinned: Record<string, string> = {
    ...readManifest('packages/contracts').dependencies,
    ...readManifest('packages/kit').dependencies,
  };
  const needed = new Set<string>();
  for (const out of Object.values(metafile.outputs)) {
    for (const imp of out.imports) {
      const pkg = imp.external ? packageOf(imp.path) : undefined;
      if (pkg && !OPTIONAL.includes(pkg) && !declared[pkg]) needed.add(pkg);
    }
  }
  for (const [pkg, version] of Object.entries(declared))
    if (pinned[pkg] !== undefined && pinned[pkg] !== version) needed.add(pkg);
  return [...needed].sort().map((p) => `"${p}": "${pinned[p] ?? '<version>'}"`);
};

/**
 * How a Node.js entry point is bundled: one ES module with its source map (without the sources' text, which would be
 * 13 MB for orders and is read at start under --enable-source-maps). Bundled CommonJS packages call `require` for
 * Node's own modules, which an ES module lacks: the banner gives it one.
 */
const NODE_BUNDLE = {
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  sourcesContent: false,
  banner: { js: "import { createRequire as __ftt_createRequire } from 'node:module'; const require = __ftt_createRequire(import.meta.url);" },
  plugins: [npmExternal],
  metafile: true,
  logLevel: 'warning',
} satisfies BuildOptions;

export type BuiltService = { service: string; files: { path: string; bytes: number }[]; ms: number };

/**
 * Builds every service (or those named) in parallel; throws when a bundle fails or imports a package its service does
 * not declare.
 */
export const buildServices = async (only?: string[]): Promise<BuiltService[]> => {
  const services = (only ?? readdirSync(join(repoRoot, 'services'))).sort();
  return Promise.all(
    services.map(async (service) => {
      const started = performance.now();
      const src = join(repoRoot, 'services', service, 'src');
      const entries = readdirSync(src).filter((f) => f === 'main.ts' || f.endsWith('-main.ts'));
      const outdir = join(repoRoot, 'services', service, 'dist');
      rmSync(outdir, { recursive: true, force: true });
      const { metafile } = await build({
        absWorkingDir: repoRoot,
        entryPoints: Object.fromEntries(entries.map((e) => [e.replace(/\.ts$/, ''), join(src, e)])),
        outdir,
        ...NODE_BUNDLE,
      });
      const missing = undeclared(service, metafile);
      if (missing.length) {
        throw new Error(
          `services/${service}/dist imports packages that services/${service}/package.json does not declare (they would ` +
            `not resolve at run time) or pins at another version than @ftt/kit or @ftt/contracts; its dependencies ` +
            `need: ${missing.join(', ')}`,
        );
      }
      const manifest: BuildManifest = { builtAt: new Date().toISOString(), inputs: {} };
      for (const e of entries) {
        const out = distEntry(service, e);
        // the workspace's sources only: node_modules changes with an install, and a start stats every input
        manifest.inputs[out] = Object.keys(metafile.outputs[out]?.inputs ?? {})
          .filter((input) => !input.includes('node_modules/'))
          .sort();
      }
      writeFileSync(join(outdir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      const files = Object.keys(metafile.outputs)
        .sort()
        .map((path) => ({ path, bytes: statSync(join(repoRoot, path)).size }));
      return { service, files, ms: performance.now() - started };
    }),
  );
};

/**
 * The web server (web/server/main.ts, express + helmet) compiled to web/server/dist/main.mjs, npm packages external
 * (web/package.json declares them). It serves web/dist, which `pnpm --filter @ftt/web build` writes.
 */
export const buildWebServer = async (): Promise<BuiltService> => {
  const started = performance.now();
  const outdir = join(repoRoot, 'web', 'server', 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: join(repoRoot, 'web', 'server', 'main.ts') },
    outdir,
    ...NODE_BUNDLE,
  });
  const declared = readManifest('web').dependencies ?? {};
  const missing = new Set<string>();
  for (const out of Object.values(metafile.outputs))
    for (const imp of out.imports) {
      const pkg = imp.external ? packageOf(imp.path) : undefined;
      if (pkg && !declared[pkg]) missing.add(pkg);
    }
  if (missing.size)
    throw new Error(
      `web/server/dist imports packages web/package.json does not declare: ${[...missing].join(', ')}`,
    );
  const files = Object.keys(metafile.outputs)
    .sort()
    .map((path) => ({ path, bytes: statSync(join(repoRoot, path)).size }));
  return { service: 'web-server', files, ms: performance.now() - started };
};

const main = async () => {
  const started = performance.now();
  const built = [...(await buildServices()), await buildWebServer()];
  for (const b of built) {
    for (const f of b.files)
      console.log(`  ${f.path.padEnd(46)} ${(f.bytes / 1024).toFixed(0).padStart(6)} KB`);
  }
  const files = built.reduce((n, b) => n + b.files.length, 0);
  console.log(
    `built ${built.length - 1} services and the web server (${files} files) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main().catch((e: Error) => {
    console.error(`build failed: ${e.message}`);
    process.exit(1);
  });
}
