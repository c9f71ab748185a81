import { formatDay } from '../lib/format';
import { t } from '../i18n';

const W = 600;
const H = 120;

export interface DayValue {
  /** YYYY-MM-DD */
  day: string;
  value: number;
}

/**
 * One figure per day as bars. The drawing is decorative for assistive technology (aria-hidden) and scales to any
 * width; the words (title, total, highest day, axis labels) are HTML beside it, so they keep their size on a phone,
 * and the screen's table carries every day's figure.
 */
export const DayBars = ({ title, days, format }: { title: string; days: DayValue[]; format: (n: number) => string }) => {
  const max = Math.max(0, ...days.map((d) => d.value));
  const total = days.reduce((n, d) => n + d.value, 0);
  const top = days.reduce<DayValue | undefined>((best, d) => (d.value > (best?.value ?? 0) ? d : best), undefined);
  const slot = W / Math.max(1, days.length);
  return (
    <figure className="day-bars card">
      <figcaption>
        <span className="day-bars-title">{title}</span>
        <span className="day-bars-summary muted small">
          {top
            ? t('dayBars.summary', { total: format(total), day: formatDay(top.day), top: format(top.value) })
            : t('dayBars.summaryNone', { total: format(total) })}
        </span>
      </figcaption>
      <div className="day-bars-plot">
        <span className="day-bars-max small muted" aria-hidden="true">
          {format(max)}
        </span>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} className="day-bars-axis" />
          {days.map((d, i) =>
            d.value > 0 ? (
              <rect
                key={d.day}
                x={i * slot + slot * 0.15}
                width={slot * 0.7}
                y={H - (d.value / max) * (H - 4)}
                height={(d.value / max) * (H - 4)}
                className="day-bars-bar"
              />
            ) : null,
          )}
        </svg>
      </div>
      {days.length > 0 ? (
        <div className="spread small muted" aria-hidden="true">
          <span>{formatDay(days[0]!.day)}</span>
          <span>{formatDay(days.at(-1)!.day)}</span>
        </div>
      ) : null}
    </figure>
  );
};
