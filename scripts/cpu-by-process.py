#!/usr/bin/env python3
"""CPU seconds by kind of process under a command, for issue #35's question "where does the test run's CPU go".

Usage: python3 scripts/cpu-by-process.py <pid> <checkout dir> <out.json>
  e.g. beside `CI=true bash .ci/run` in a clone: the pid of its `bash scripts/test.sh`.
Every 0.5 s it reads /proc: the descendants of <pid>, and the servers whose command line names <checkout dir> (they are
started detached). It keeps each process's last CPU time (user + system), so a process that lives less than half a
second is missed; when <pid> ends it writes the sums by kind (Chromium, each service, Kafka, ...) as JSON.
Linux only; reads, never signals.
"""
import json
import os
import re
import sys
import time


def scan():
    tick = os.sysconf('SC_CLK_TCK')
    procs = {}
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            fields = open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()
            cmd = open(f'/proc/{p}/cmdline').read().replace('\0', ' ')[:300]
            procs[int(p)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick, cmd)
        except (OSError, IndexError, ValueError):
            pass
    return procs


def kind(cmd):
    if 'chrom' in cmd:
        t = re.search(r'--type=([a-z-]+)', cmd)
        return 'chromium ' + (t.group(1) if t else 'browser')
    m = re.search(r'services/([a-z]+)/(dist|src)/([a-z-]+)', cmd)
    if m:
        return 'service ' + m.group(1) + ('' if m.group(3).startswith('main') else ' ' + m.group(3))
    for needle, name in [('web/server', 'web server'), ('schemathesis', 'schemathesis'), ('secantus', 'database server'),
                         ('kafka.Kafka', 'kafka'), ('stripe-mock', 'stripe-mock'), ('mailpit', 'mailpit'),
                         ('vitest', 'vitest'), ('tsc', 'tsc'), ('eslint', 'eslint'), ('esbuild', 'esbuild'),
                         ('vite', 'vite build'), ('pnpm', 'pnpm')]:
        if needle in cmd:
            return name
    return 'other: ' + cmd[:50]


def main():
    root, checkout, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    last = {}
    while True:
        procs = scan()
        if root not in procs:
            break
        ours, grew = {root}, True
        while grew:
            grew = False
            for pid, (ppid, _, cmd) in procs.items():
                if pid not in ours and pid != os.getpid() and (ppid in ours or checkout in cmd):
                    ours.add(pid)
                    grew = True
        for pid in ours:
            _, cpu, cmd = procs[pid]
            if cmd:
                last[pid] = (cpu, kind(cmd))
        time.sleep(0.5)
    sums = {}
    for cpu, k in last.values():
        sums[k] = round(sums.get(k, 0) + cpu, 1)
    json.dump(dict(sorted(sums.items(), key=lambda x: -x[1])), open(out, 'w'), indent=1)


if __name__ == '__main__':
    main()
