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
