import { bucketEdges } from './stats';

export interface SvgPanel {
  title: string;
  confirmed: number[];
  shipment: number[];
  marks: { label: string; ms: number; color: string; dash?: boolean }[];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 10) / 10).toString();

const tickLabel = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * A hand-written SVG: one panel per phase, latency on a log axis (10 buckets per decade), the share of
 * orders per bucket as bars (POST→confirmed and POST→shipment created), with percentile and floor marks.
 */
export const histogramSvg = (heading: string, panels: SvgPanel[]): string => {
  const edges = bucketEdges();
  const W = 960;
  const PH = 250;
  const top = 50;
  const ml = 60;
  const mr = 20;
  const plotH = PH - 70;
  const H = top + panels.length * PH + 10;
  // One x range for all panels: from the decade of the smallest value to that of the largest.
  let lo = edges.length - 1;
  let hi = 0;
  for (const p of panels) {
    for (const series of [p.confirmed, p.shipment]) {
      series.forEach((c, i) => {
        if (c > 0) {
          lo = Math.min(lo, i);
          hi = Math.max(hi, i + 1);
        }
      });
    }
    for (const m of p.marks) {
      if (!Number.isFinite(m.ms) || m.ms <= 0) continue;
      const i = Math.floor(Math.log10(m.ms / edges[0]!) * 10);
      lo = Math.min(lo, Math.max(0, i));
      hi = Math.max(hi, Math.min(edges.length - 1, i + 1));
    }
  }
  if (hi <= lo) {
    lo = 20; // 1 ms
    hi = 50; // 1 s
  }
  const dLo = Math.floor(Math.log10(edges[lo]!));
  const dHi = Math.ceil(Math.log10(edges[hi]!));
  const xMin = 10 ** dLo;
  const xMax = 10 ** Math.max(dHi, dLo + 1);
  const x = (ms: number) =>
    ml + ((Math.log10(ms) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - ml - mr);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${ml}" y="22" font-size="16" font-weight="bold">${esc(heading)}</text>`,
    `<rect x="${W - 360}" y="10" width="12" height="12" fill="steelblue" fill-opacity="0.8"/>`,
    `<text x="${W - 342}" y="21">POST → confirmed</text>`,
    `<rect x="${W - 220}" y="10" width="12" height="12" fill="darkorange" fill-opacity="0.55"/>`,
    `<text x="${W - 202}" y="21">POST → shipment created</text>`,
  );
  panels.forEach((p, k) => {
    const y0 = top + k * PH;
    const base = y0 + 25 + plotH;
    const totalC = p.confirmed.reduce((a, b) => a + b, 0) || 1;
    const totalS = p.shipment.reduce((a, b) => a + b, 0) || 1;
    const shares = [...p.confirmed.map((c) => c / totalC), ...p.shipment.map((c) => c / totalS)];
    const yMax = Math.max(0.05, Math.ceil(Math.max(...shares) * 20) / 20);
    const y = (share: number) => base - (share / yMax) * plotH;
    out.push(`<text x="${ml}" y="${y0 + 15}" font-weight="bold">${esc(p.title)}</text>`);
    // grid and axes
    for (let d = dLo; d <= Math.log10(xMax); d++) {
      const v = 10 ** d;
      out.push(
        `<line x1="${n(x(v))}" y1="${y0 + 25}" x2="${n(x(v))}" y2="${base}" stroke="#ddd"/>`,
        `<text x="${n(x(v))}" y="${base + 15}" text-anchor="middle" fill="#444">${tickLabel(v)}</text>`,
      );
    }
    for (let f = 0; f <= 4; f++) {
      const share = (yMax * f) / 4;
      out.push(
        `<line x1="${ml}" y1="${n(y(share))}" x2="${W - mr}" y2="${n(y(share))}" stroke="#eee"/>`,
        `<text x="${ml - 6}" y="${n(y(share) + 4)}" text-anchor="end" fill="#444">${Math.round(share * 100)}%</text>`,
      );
    }
    out.push(`<line x1="${ml}" y1="${base}" x2="${W - mr}" y2="${base}" stroke="#333"/>`);
    out.push(
      `<text x="${(ml + W - mr) / 2}" y="${base + 32}" text-anchor="middle" fill="#444">latency (log scale; share of orders per bucket)</text>`,
    );
    const bars = (series: number[], total: number, color: string, opacity: number) => {
      series.forEach((c, i) => {
        if (c === 0) return;
        const a = Math.max(edges[i]!, xMin);
        const b = Math.min(edges[i + 1]!, xMax);
        if (b <= a) return;
        const h = base - y(c / total);
        out.push(
          `<rect x="${n(x(a))}" y="${n(base - h)}" width="${n(Math.max(1, x(b) - x(a) - 0.5))}" height="${n(h)}" fill="${color}" fill-opacity="${opacity}"><title>${n(edges[i]!)}–${n(edges[i + 1]!)} ms: ${c} orders</title></rect>`,
        );
      });
    };
    bars(p.confirmed, totalC, 'steelblue', 0.8);
    bars(p.shipment, totalS, 'darkorange', 0.55);
    p.marks.forEach((m, j) => {
      if (!Number.isFinite(m.ms) || m.ms <= 0) return;
      const mx = x(Math.min(Math.max(m.ms, xMin), xMax));
      out.push(
        `<line x1="${n(mx)}" y1="${y0 + 25}" x2="${n(mx)}" y2="${base}" stroke="${m.color}" stroke-width="1.5"${m.dash ? ' stroke-dasharray="5,3"' : ''}/>`,
        `<text x="${n(mx + 3)}" y="${y0 + 37 + j * 13}" fill="${m.color}">${esc(`${m.label} ${n(m.ms)} ms`)}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
};

export interface SecondPoint {
  offered: number;
  accepted: number;
  refused: number;
  confirmed: number;
  p50: number | null;
  p99: number | null;
}

/**
 * The overload phase's timeline: per second of scheduled sends, orders offered, accepted and refused (503) in the
 * top panel, and POST->confirmed p50/p99 of the orders sent in that second (log scale) in the bottom one, with
 * the p99 target, the end of the overload and the moment the p99 is back under the target.
 */
export const timelineSvg = (
  heading: string,
  points: SecondPoint[],
  o: { overloadEndSecond: number; targetMs: number; recoveredSecond: number | null },
): string => {
  const W = 960;
  const ml = 60;
  const mr = 20;
  const top = 50;
  const PH = 220;
  const H = top + 2 * PH + 30;
  const xs = (i: number) => ml + (i / Math.max(points.length, 1)) * (W - ml - mr);
  const maxCount = Math.max(1, ...points.map((p) => Math.max(p.offered, p.accepted, p.refused)));
  const y1 = (v: number) => top + PH - 40 - (v / maxCount) * (PH - 60);
  const lats = points.flatMap((p) => [p.p50, p.p99]).filter((v): v is number => v !== null && v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...lats, o.targetMs))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...lats, o.targetMs * 2)));
  const y2 = (ms: number) =>
    top + 2 * PH - 40 - ((Math.log10(ms) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (PH - 60);
  const line = (vals: (number | null)[], y: (v: number) => number, color: string, dash = '') => {
    const segs: string[] = [];
    let d = '';
    vals.forEach((v, i) => {
      if (v === null || v <= 0) {
        if (d) segs.push(d);
        d = '';
        return;
      }
      d += `${d ? 'L' : 'M'}${n(xs(i + 0.5))},${n(y(v))}`;
    });
    if (d) segs.push(d);
    return segs
      .map((s) => `<path d="${s}" fill="none" stroke="${color}" stroke-width="1.8"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`)
      .join('');
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="${ml}" y="24" font-size="15">${esc(heading)}</text>`,
  ];
  // Panel 1: counts per second.
  out.push(`<text x="${ml}" y="${top - 6}">orders per second (by scheduled send time)</text>`);
  for (const v of [0, maxCount / 2, maxCount]) {
    out.push(`<line x1="${ml}" x2="${W - mr}" y1="${n(y1(v))}" y2="${n(y1(v))}" stroke="#ddd"/>`);
    out.push(`<text x="${ml - 6}" y="${n(y1(v) + 4)}" text-anchor="end">${Math.round(v)}</text>`);
  }
  out.push(line(points.map((p) => p.offered), y1, '#888', '4 3'));
  out.push(line(points.map((p) => p.accepted), y1, '#1f77b4'));
  out.push(line(points.map((p) => p.refused), y1, '#d62728'));
  // Panel 2: latency.
  out.push(`<text x="${ml}" y="${top + PH - 6}">POST→confirmed of the orders sent in that second (log scale)</text>`);
  for (let d = Math.log10(lo); d <= Math.log10(hi) + 1e-9; d++) {
    const v = 10 ** d;
    out.push(`<line x1="${ml}" x2="${W - mr}" y1="${n(y2(v))}" y2="${n(y2(v))}" stroke="#ddd"/>`);
    out.push(`<text x="${ml - 6}" y="${n(y2(v) + 4)}" text-anchor="end">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`);
  }
  out.push(
    `<line x1="${ml}" x2="${W - mr}" y1="${n(y2(o.targetMs))}" y2="${n(y2(o.targetMs))}" stroke="#2ca02c" stroke-dasharray="6 3"/>`,
    `<text x="${W - mr}" y="${n(y2(o.targetMs) - 4)}" text-anchor="end" fill="#2ca02c">p99 target ${o.targetMs} ms</text>`,
  );
  out.push(line(points.map((p) => p.p50), y2, '#1f77b4'));
  out.push(line(points.map((p) => p.p99), y2, '#ff7f0e'));
  // Marks.
  const mark = (sec: number, label: string, color: string) => {
    const x = n(xs(sec));
    out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${top + 2 * PH - 40}" stroke="${color}" stroke-dasharray="3 3"/>`);
    out.push(`<text x="${n(xs(sec) + 4)}" y="${top + 12}" fill="${color}">${esc(label)}</text>`);
  };
  mark(o.overloadEndSecond, `overload ends (${o.overloadEndSecond} s)`, '#555');
  if (o.recoveredSecond !== null)
    mark(o.recoveredSecond, `p99 back under target (+${o.recoveredSecond - o.overloadEndSecond} s)`, '#2ca02c');
  // x axis and legend.
  for (let s = 0; s <= points.length; s += 10)
    out.push(`<text x="${n(xs(s))}" y="${top + 2 * PH - 22}" text-anchor="middle">${s} s</text>`);
  const legend: [string, string][] = [
    ['offered', '#888'],
    ['accepted (201)', '#1f77b4'],
    ['refused (503)', '#d62728'],
    ['p50', '#1f77b4'],
    ['p99', '#ff7f0e'],
  ];
  legend.forEach(([label, color], i) => {
    const x = ml + i * 150;
    out.push(`<rect x="${x}" y="${H - 18}" width="14" height="4" fill="${color}"/><text x="${x + 20}" y="${H - 12}">${label}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
};
