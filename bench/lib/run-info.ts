import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The commit a bench ran on, and how many files of services/ and packages/ differed from it. */
export const gitInfo = (root: string) => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'services', 'packages'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean).length;
    return { commit: head, uncommittedFilesInServicesAndPackages: dirty };
  } catch {
    return undefined;
  }
};

/** A bench result as JSON (non-finite numbers as null), its folder created. */
export const saveJsonFile = (path: string, v: unknown): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2) + '\n',
  );
};
