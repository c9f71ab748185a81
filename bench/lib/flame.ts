/**
 * A flame graph (SVG, no dependencies) from a V8 CPU profile (`node --cpu-prof`): stacks are merged by
 * function, file and line; the width of a frame is its share of the busy samples (idle time is left out); the
 * root is at the top (an icicle, so the widest frames come first in a tall graph). Every frame has a <title> with its time and share, so the SVG reads in a browser.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

interface Frame {
  name: string;
  self: number;
  total: number;
  children: Map<string, Frame>;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `fn (package/file:line)`, with node_modules and the work tree shortened. */
const frameName = (n: ProfileNode): string => {
  const fn = n.callFrame.functionName || '(anonymous)';
  const url = n.callFrame.url;
  if (!url) return fn;
  const mod = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  const where = mod
    ? `${mod[1]}/${mod[2]!.split('/').pop()}`
    : url.replace(/^file:\/\/.*?\/(services|packages|bench|test)\//, '$1/');
  return `${fn} (${where}:${n.callFrame.lineNumber + 1})`;
};

const IDLE = new Set(['(idle)']);

/** Merged call tree of one profile, in microseconds, without idle samples. */
export const callTree = (p: CpuProfile): { root: Frame; busyUs: number; wallUs: number } => {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const root: Frame = { name: 'all', self: 0, total: 0, children: new Map() };
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node || IDLE.has(node.callFrame.functionName) || us <= 0) continue;
    const path: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      path.push(byId.get(cur)!);
    path.reverse();
    busy += us;
    root.total += us;
    let f = root;
    for (const n of path.slice(1)) {
      const name = frameName(n);
      let child = f.children.get(name);
      if (!child) f.children.set(name, (child = { name, self: 0, total: 0, children: new Map() }));
      child.total += us;
      f = child;
    }
    f.self += us;
  }
  return { root, busyUs: busy, wallUs: p.endTime - p.startTime };
};

/** Self time per frame name, largest first (the flame graph's text companion). */
export const topSelf = (root: Frame, n = 25): { name: string; ms: number; share: number }[] => {
  const acc = new Map<string, number>();
  const walk = (f: Frame) => {
    if (f.self) acc.set(f.name, (acc.get(f.name) ?? 0) + f.self);
    for (const c of f.children.values()) walk(c);
  };
  walk(root);
  return [...acc]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({
      name,
      ms: Math.round(us / 100) / 10,
      share: Math.round((us / root.total) * 1000) / 10,
    }));
};

const hue = (name: string) => {
  if (name.startsWith('(')) return 'hsl(0,0%,70%)';
  if (/\((services|packages)\//.test(name)) return 'hsl(210,70%,70%)';
  if (/\(node:/.test(name)) return 'hsl(120,40%,70%)';
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 40;
  return `hsl(${15 + h},85%,62%)`;
};

export const flameSvg = (title: string, profile: CpuProfile, width = 1600): string => {
  const { root, busyUs, wallUs } = callTree(profile);
  const rowH = 16;
  const rows: string[] = [];
  let depthMax = 0;
  const scale = (width - 20) / Math.max(root.total, 1);
  const draw = (f: Frame, x: number, depth: number) => {
    const w = f.total * scale;
    if (w < 0.3) return;
    depthMax = Math.max(depthMax, depth);
    rows.push(
      `<g><title>${esc(f.name)}: ${(f.total / 1000).toFixed(1)} ms, ${((f.total / root.total) * 100).toFixed(1)} % of busy</title>` +
        `<rect x="${(10 + x).toFixed(1)}" y="@${depth}" width="${w.toFixed(1)}" height="${rowH - 1}" fill="${hue(f.name)}"/>` +
        (w > 40
          ? `<text x="${(13 + x).toFixed(1)}" y="@${depth}t" font-size="11">${esc(f.name.slice(0, Math.floor(w / 6.5)))}</text>`
          : '') +
        '</g>',
    );
    let cx = x;
    for (const c of [...f.children.values()].sort((a, b) => b.total - a.total)) {
      draw(c, cx, depth + 1);
      cx += c.total * scale;
    }
  };
  draw(root, 0, 0);
  const top = 40;
  const height = top + (depthMax + 1) * rowH + 10;
  // Root at the top: row d sits at top + d * rowH.
  const body = rows
    .join('\n')
    .replace(/y="@(\d+)t"/g, (_, d) => `y="${top + Number(d) * rowH + 12}"`)
    .replace(/y="@(\d+)"/g, (_, d) => `y="${top + Number(d) * rowH}"`);
  const sub = `busy ${(busyUs / 1e6).toFixed(1)} s of ${(wallUs / 1e6).toFixed(1)} s wall (${((busyUs / Math.max(wallUs, 1)) * 100).toFixed(0)} % of one core); width = share of busy samples; hover a frame for its time`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-family="sans-serif">${esc(title)}</text>`,
    `<text x="10" y="34" font-size="11" font-family="sans-serif" fill="#444">${esc(sub)}</text>`,
    body,
    '</svg>',
  ].join('\n');
};

export const readProfile = (file: string): CpuProfile => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
