import { useEffect, useState } from 'react';
import { dateLocale } from '../lib/locale';
import type { ShipmentCurve } from '../api/types';
import { formatDateTime } from '../lib/format';
import { t } from '../i18n';

/** The drawing's width follows the space it gets (so its 12 px labels stay 12 px on a phone); this much at most. */
const W_MAX = 960;
const W_MIN = 280;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

const timeOf = (iso: string) => Date.parse(iso);
const clock = {
  format: (d: Date) =>
    new Intl.DateTimeFormat(dateLocale(), { hour: '2-digit', minute: '2-digit' }).format(d),
};
const degrees = (c: number) => t('temp.degrees', { c: c.toFixed(1) });

/** The width the figure is laid out at, measured (and again when it changes): the SVG is drawn 1:1 at it. */
const useDrawingWidth = () => {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    if (!el) return;
    const seen = new ResizeObserver(([e]) => {
      const w = Math.round(e?.contentRect.width ?? 0);
      if (w > 0) setWidth(Math.min(W_MAX, Math.max(W_MIN, w)));
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [el]);
  return { ref: setEl, width };
};

/** Bounds of the chart: every point and the whole allowed range, with a little air. */
const boundsOf = (curve: ShipmentCurve) => {
  const points = curve.series.flatMap((s) => s.points);
  const temps = [...points.map((p) => p.temperatureC), curve.coldChain.minC, curve.coldChain.maxC];
  const times = points.map((p) => timeOf(p.time));
  const lo = Math.floor(Math.min(...temps) - 1);
  const hi = Math.ceil(Math.max(...temps) + 1);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 60_000);
  return { lo, hi, t0, t1 };
};

/** What a screen reader (and anyone) reads instead of the drawing: range, extremes and the excursions. */
export const curveSummary = (curve: ShipmentCurve): string => {
  const points = curve.series.flatMap((s) => s.points);
  if (points.length === 0) return t('temp.none');
  const temps = points.map((p) => p.temperatureC);
  const { minC, maxC } = curve.coldChain;
  const excursions =
    curve.excursions.length === 0
      ? temps.some((c) => c < minC || c > maxC)
        ? t('temp.briefly')
        : t('temp.within')
      : `${t('count.periodsOutside', { n: curve.excursions.length })}: ${curve.excursions
          .map(
            (e) =>
              t('temp.period', { from: formatDateTime(e.from), until: formatDateTime(e.until), max: degrees(e.temperatureC) }),
          )
          .join('; ')}.`;
  return `${t('temp.summary', {
    min: degrees(minC),
    max: degrees(maxC),
    low: degrees(Math.min(...temps)),
    high: degrees(Math.max(...temps)),
    from: formatDateTime(points[0]!.time),
    until: formatDateTime(points.at(-1)!.time),
  })} ${excursions}`;
};

/**
 * A shipment's temperature curve as SVG: the allowed band shaded, each logger a line, excursions marked. The drawing
 * is decorative for assistive technology (aria-hidden); the summary above it and the table below carry the same facts.
 */
export const TemperatureChart = ({ curve }: { curve: ShipmentCurve }) => {
  const drawing = useDrawingWidth();
  const W = drawing.width;
  const points = curve.series.flatMap((s) => s.points);
  if (points.length === 0) return <p className="muted">{t('temp.none')}</p>;
  const { lo, hi, t0, t1 } = boundsOf(curve);
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (c: number) => PAD.top + ((hi - c) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  const times = Array.from({ length: 4 }, (_, i) => t0 + ((t1 - t0) * i) / 3);
  const id = `curve-${curve.shipmentId}`;
  return (
    <figure className="temperature-chart" aria-labelledby={`${id}-caption`} ref={drawing.ref}>
      <figcaption id={`${id}-caption`}>
        <strong>{t('temp.title')}</strong> <span className="muted">{curveSummary(curve)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="presentation" aria-hidden="true" focusable="false">
        <rect
          className="band"
          x={PAD.left}
          width={W - PAD.left - PAD.right}
          y={y(curve.coldChain.maxC)}
          height={y(curve.coldChain.minC) - y(curve.coldChain.maxC)}
        />
        {curve.excursions.map((e) => (
          <rect
            key={e.from}
            className="excursion"
            x={x(timeOf(e.from))}
            width={Math.max(2, x(timeOf(e.until)) - x(timeOf(e.from)))}
            y={PAD.top}
            height={H - PAD.top - PAD.bottom}
          />
        ))}
        {ticks.map((c) => (
          <g key={c}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(c)} y2={y(c)} />
            <text className="axis" x={PAD.left - 6} y={y(c) + 4} textAnchor="end">
              {c.toFixed(0)}°
            </text>
          </g>
        ))}
        {times.map((t, i) => (
          <text
            key={t}
            className="axis"
            x={x(t)}
            y={H - 8}
            textAnchor={i === 0 ? 'start' : i === times.length - 1 ? 'end' : 'middle'}
          >
            {clock.format(new Date(t))}
          </text>
        ))}
        {curve.series.map((s, i) => (
          <polyline
            key={s.name}
            className={`line line-${i % 3}`}
            points={s.points
              .map((p) => `${x(timeOf(p.time)).toFixed(1)},${y(p.temperatureC).toFixed(1)}`)
              .join(' ')}
          />
        ))}
      </svg>
      <details>
        <summary>{t('temp.asTable')}</summary>
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t('temp.tableAria')}
        >
          <table>
            <caption>{t('temp.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('temp.logger')}</th>
                <th scope="col">{t('temp.time')}</th>
                <th scope="col">{t('temp.temperature')}</th>
                <th scope="col">{t('temp.inRange')}</th>
              </tr>
            </thead>
            <tbody>
              {curve.series.flatMap((s) =>
                s.points.map((p) => {
                  const ok = p.temperatureC >= curve.coldChain.minC && p.temperatureC <= curve.coldChain.maxC;
                  return (
                    <tr key={`${s.name}-${p.time}`}>
                      <td>{s.name}</td>
                      <td>{formatDateTime(p.time)}</td>
                      <td>{degrees(p.temperatureC)}</td>
                      <td>{ok ? t('temp.yes') : t('temp.no')}</td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
};
