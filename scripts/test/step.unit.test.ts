import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const lib = join(import.meta.dirname, '..', 'lib.sh');

describe("scripts/lib.sh's step", () => {
  it('when steps follow each other within one clock tick in a `set -e` script, then the script goes on (it ended with status 1 after a step that printed nothing, in CI)', () => {
    const out = execFileSync(
      'bash',
      // the clock does not move between the steps (what a fast machine sees between two steps in a row)
      ['-c', `set -euo pipefail; source '${lib}'; cpu_ticks() { echo 1000 400; }; step one; step two; step three; echo went-on`],
      { encoding: 'utf8' },
    );
    expect(out.match(/==> (one|two|three)/g)).toEqual(['==> one', '==> two', '==> three']);
    expect(out.trim().endsWith('went-on')).toBe(true);
  });
});
