import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../dist';

/**
 * Issue #30: no loops in the import graph, type-only imports included (a loop of types still ties two files together
 * for whoever reads them). dpdm 4.3.0 parses every source file's imports (TypeScript's own parser) and lists the
 * loops; the services, packages, web app, benches and scripts are one graph.
 */
const SOURCES = [
  'packages/*/src/**/*.ts',
  'services/*/src/**/*.ts',
  'web/src/**/*.ts',
  'web/src/**/*.tsx',
  'bench/**/*.ts',
  'scripts/**/*.ts',
];

describe('the import graph', () => {
  it('when every source file is parsed, then no file imports itself through others', async () => {
    const tree = await parseDependencyTree(SOURCES, {
      context: repoRoot,
      tsconfig: join(repoRoot, 'tsconfig.json'),
      transform: false,
      skipDynamicImports: false,
    });
    const files = Object.keys(tree);
    // the globs found the code (a wrong pattern would pass with nothing parsed)
    expect(files.filter((f) => f.startsWith('services/')).length).toBeGreaterThan(200);
    expect(files.filter((f) => f.startsWith('web/src/')).length).toBeGreaterThan(50);
    expect(parseCircular(tree).map((loop) => loop.join(' -> '))).toEqual([]);
  }, 60_000);

  it('when the scripts and the benches import each other, then only benches use scripts (the build), never the reverse', async () => {
    const tree = await parseDependencyTree(['scripts/**/*.ts'], { context: repoRoot, transform: false });
    const intoBench = Object.entries(tree).flatMap(([file, deps]) =>
      (deps ?? []).filter((d) => d.id?.startsWith('bench/')).map((d) => `${file} -> ${d.id}`),
    );
    expect(intoBench).toEqual([]);
    // and the bench does use the build (so the rule above is about a real edge)
    expect(readFileSync(join(repoRoot, 'bench/lib/run.ts'), 'utf8')).toMatch(/from '\.\.\/\.\.\/scripts\/build'/);
  }, 60_000);
});
