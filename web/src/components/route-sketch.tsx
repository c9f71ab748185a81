import type { Run } from '../api/types';

const W = 320;
const H = 220;
const PAD = 18;

/**
 * The run as a sketch, without map tiles (the machine has no internet): the stops placed by their coordinates
 * (longitude scaled by the cosine of the latitude, so distances look right), joined in the planned order,
 * numbered; farm pickups as squares, drops as circles, done stops filled grey.
 */
export const RouteSketch = ({ run }: { run: Run }) => {
  const pts = run.stops.map((s) => s.at);
  if (!pts.length) return null;
  const lat0 = pts.reduce((n, p) => n + p.lat, 0) / pts.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = pts.map((p) => p.lng * k);
  const ys = pts.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(
    (W - 2 * PAD) / Math.max(maxX - minX, 1e-6),
    (H - 2 * PAD) / Math.max(maxY - minY, 1e-6),
  );
  // Centred: the narrower extent keeps its proportion and sits in the middle.
  const offX = (W - 2 * PAD - (maxX - minX) * scale) / 2;
  const offY = (H - 2 * PAD - (maxY - minY) * scale) / 2;
  const at = (i: number) => ({
    x: PAD + offX + (xs[i]! - minX) * scale,
    y: H - PAD - offY - (ys[i]! - minY) * scale,
  });
  const path = run.stops
    .map((_, i) => `${i ? 'L' : 'M'}${at(i).x.toFixed(1)},${at(i).y.toFixed(1)}`)
    .join(' ');
  return (
    <div className="route-sketch-wrap">
      <svg
        className="route-sketch"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Route sketch: ${run.stops.length} stops in order, ${run.lengthKm} km`}
      >
        <rect x="0" y="0" width={W} height={H} fill="#f6f7f2" stroke="#c9cdbf" />
        <path d={path} fill="none" stroke="#2f6b3a" strokeWidth="2" strokeLinejoin="round" />
        {run.stops.map((s, i) => {
          const { x, y } = at(i);
          const fill = s.status === 'done' ? '#8a8f86' : s.kind === 'pickup' ? '#8a4b0f' : '#1f4e8c';
          return (
            <g key={s.seq}>
              {s.kind === 'pickup' ? (
                <rect x={x - 7} y={y - 7} width="14" height="14" fill={fill} />
              ) : (
                <circle cx={x} cy={y} r="7" fill={fill} />
              )}
              <text x={x} y={y + 3.5} textAnchor="middle" fontSize="9" fill="#fff" fontWeight="bold">
                {s.seq + 1}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
};
