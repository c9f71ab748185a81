import type { Run } from '../api/types';
import { useWidth } from '../lib/use-width';
import { t } from '../i18n';

const PAD_X = 24;
const PAD_Y = 22;
/** Markers closer than this (px) are spread around their middle, so that no stop hides another. */
const NEAR = 18;
const LABEL_PX = 12;
const LABEL_CHARS = 26;

type Stop = Run['stops'][number];
interface Spot {
  x: number;
  y: number;
}

/** A place's name short enough to sit beside its marker ("Bergweg 4, Ede"; "Kippenhof Visser"). */
export const shortLabel = (label: string): string =>
  label.length <= LABEL_CHARS ? label : `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…`;

/**
 * Markers that would sit on top of each other (the same pickup point, two houses in one street) are moved apart: each
 * group of near markers is laid on a small circle around its middle, in stop order.
 */
export const spreadMarkers = (spots: readonly Spot[], near = NEAR): Spot[] => {
  const out = spots.map((s) => ({ ...s }));
  const group = new Array<number>(spots.length).fill(-1);
  let groups = 0;
  for (let i = 0; i < spots.length; i++) {
    if (group[i] !== -1) continue;
    group[i] = groups;
    for (let j = i + 1; j < spots.length; j++) {
      if (group[j] === -1 && Math.hypot(spots[i]!.x - spots[j]!.x, spots[i]!.y - spots[j]!.y) < near) group[j] = groups;
    }
    groups++;
  }
  for (let g = 0; g < groups; g++) {
    const members = spots.map((_, i) => i).filter((i) => group[i] === g);
    if (members.length < 2) continue;
    const cx = members.reduce((n, i) => n + spots[i]!.x, 0) / members.length;
    const cy = members.reduce((n, i) => n + spots[i]!.y, 0) / members.length;
    const r = (near * 0.75) / Math.sin(Math.PI / Math.max(members.length, 2));
    members.forEach((i, k) => {
      const a = -Math.PI / 2 + (2 * Math.PI * k) / members.length;
      out[i] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
    });
  }
  return out;
};

/**
 * The run as a sketch, without map tiles (the machine has no internet): the stops placed by their coordinates
 * (longitude scaled by the cosine of the latitude, so distances look right), joined in the planned order,
 * numbered and named; farm pickups as squares, drops as circles, done stops filled grey. Drawn at the width it gets,
 * so the names stay readable on a phone.
 */
export const RouteSketch = ({ run }: { run: Run }) => {
  const { ref, width: W } = useWidth(640, 280, 720);
  const H = Math.round(Math.min(380, Math.max(220, W * 0.62)));
  const pts = run.stops.map((s) => s.at);
  if (!pts.length) return null;
  const lat0 = pts.reduce((n, p) => n + p.lat, 0) / pts.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = pts.map((p) => p.lng * k);
  const ys = pts.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // room for the names beside the markers: the stops use the middle of the width
  const innerW = W - 2 * PAD_X - Math.min(W * 0.35, 170);
  const scale = Math.min(
    innerW / Math.max(maxX - minX, 1e-6),
    (H - 2 * PAD_Y) / Math.max(maxY - minY, 1e-6),
  );
  // Centred: the narrower extent keeps its proportion and sits in the middle.
  const offX = (W - 2 * PAD_X - (maxX - minX) * scale) / 2;
  const offY = (H - 2 * PAD_Y - (maxY - minY) * scale) / 2;
  const spots = spreadMarkers(
    run.stops.map((_, i) => ({
      x: PAD_X + offX + (xs[i]! - minX) * scale,
      y: H - PAD_Y - offY - (ys[i]! - minY) * scale,
    })),
  );
  const path = spots.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  // names right of their marker (left of it in the right part), pushed down where two would touch
  const labels = placeLabels(run.stops, spots, W);
  const named = run.stops.map((s) => `${s.seq + 1} ${s.label}`).join(', ');
  return (
    <div className="route-sketch-wrap" ref={ref}>
      <svg
        className="route-sketch"
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={t('routeSketch.aria', { n: run.stops.length, km: run.lengthKm, named })}
      >
        <rect x="0" y="0" width={W} height={H} fill="#f6f7f2" stroke="#c9cdbf" />
        <path d={path} fill="none" stroke="#2f6b3a" strokeWidth="2" strokeLinejoin="round" />
        {labels.map((l) => (
          <text
            key={`label-${l.seq}`}
            className="sketch-label"
            x={l.x}
            y={l.y}
            textAnchor={l.anchor}
            fontSize={LABEL_PX}
            fill="#1b1f1c"
            stroke="#f6f7f2"
            strokeWidth="3"
            paintOrder="stroke"
          >
            {shortLabel(l.text)}
          </text>
        ))}
        {run.stops.map((s, i) => {
          const { x, y } = spots[i]!;
          const fill = s.status === 'done' ? '#8a8f86' : s.kind === 'pickup' ? '#8a4b0f' : '#1f4e8c';
          return (
            <g key={s.seq}>
              {s.kind === 'pickup' ? (
                <rect x={x - 8} y={y - 8} width="16" height="16" fill={fill} stroke="#fff" strokeWidth="1.5" />
              ) : (
                <circle cx={x} cy={y} r="8.5" fill={fill} stroke="#fff" strokeWidth="1.5" />
              )}
              <text x={x} y={y + 4} textAnchor="middle" fontSize="11" fill="#fff" fontWeight="bold">
                {s.seq + 1}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
};

const placeLabels = (stops: readonly Stop[], spots: readonly Spot[], W: number) => {
  const placed = stops.map((s, i) => {
    const left = spots[i]!.x > W * 0.62;
    return {
      seq: s.seq,
      text: s.label,
      anchor: (left ? 'end' : 'start') as 'end' | 'start',
      x: spots[i]!.x + (left ? -13 : 13),
      y: spots[i]!.y + 4,
    };
  });
  for (const side of ['start', 'end'] as const) {
    const mine = placed.filter((p) => p.anchor === side).sort((a, b) => a.y - b.y);
    for (let i = 1; i < mine.length; i++) {
      if (mine[i]!.y - mine[i - 1]!.y < LABEL_PX + 2) mine[i]!.y = mine[i - 1]!.y + LABEL_PX + 2;
    }
  }
  return placed;
};
