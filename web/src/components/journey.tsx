import type { Journey } from '../api/types';
import { Timeline } from './timeline';
import { StatusBadge } from './bits';
import { t } from '../i18n';

interface Step {
  label: string;
  at: string;
  detail?: string;
  warn?: boolean;
}

const stepsOf = (j: Journey): Step[] => {
  const steps: Step[] = [];
  if (j.pickedUpAt) steps.push({ label: t('journey.pickedUp'), at: j.pickedUpAt });
  for (const c of j.checkpoints) {
    const temp = c.temperatureC === undefined ? '' : ` · ${t('temp.degrees', { c: c.temperatureC })}`;
    steps.push({
      label: t('journey.checkpoint', { place: c.place }),
      at: c.time,
      detail: `${temp}${c.excursion ? ` · ${t('journey.outside')}` : ''}`,
      warn: c.excursion,
    });
  }
  if (j.outForDeliveryAt) steps.push({ label: t('status.out_for_delivery'), at: j.outForDeliveryAt });
  if (j.deliveredAt) steps.push({ label: t('journey.deliveredIn', { city: j.destination.city }), at: j.deliveredAt });
  if (j.returnedAt) steps.push({ label: t('journey.returned'), at: j.returnedAt, warn: true });
  if (j.cancelledAt) steps.push({ label: t('journey.cancelled'), at: j.cancelledAt, warn: true });
  return steps;
};

/** A shipment's way from the farm to the door, as the buyer may see it (no personal data). */
export const JourneyView = ({ journey, title }: { journey: Journey; title: string }) => {
  const steps = stepsOf(journey);
  return (
    <div className="journey">
      <p>
        <strong>{title}</strong> <StatusBadge status={journey.status} />
      </p>
      {steps.length === 0 ? (
        <p className="muted small">{t('journey.waiting')}</p>
      ) : (
        <Timeline items={steps} at={(s) => s.at} warn={(s) => Boolean(s.warn)}>
          {(s) => (
            <>
              <span>{s.label}</span>
              {s.detail ? <span className={s.warn ? 'bad-text' : 'muted'}>{s.detail}</span> : null}
            </>
          )}
        </Timeline>
      )}
    </div>
  );
};
