import { useState } from 'react';
import { delivery } from '../../api/delivery';
import { logistics } from '../../api/logistics';
import type { Run } from '../../api/types';
import { useSession } from '../../auth/session';
import { StatusBadge } from '../../components/bits';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { formatDate } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { t } from '../../i18n';
import { BusyButton } from '../../components/form';
import { quantityText } from '../../lib/format';

const RunCard = ({ run, mine }: { run: Run; mine: boolean }) => {
  const claim = useAction();
  const farms = run.stops.filter((s) => s.kind === 'pickup').length;
  return (
    <li className="card">
      <div className="spread">
        <h3>
          {run.region}, {formatDate(run.day)}
        </h3>
        <StatusBadge status={run.status} />
      </div>
      <p className="small">
        {quantityText(run.boxes, 'box')} · {t('count.farmPickups', { n: farms })} ·{' '}
        {t('count.drops', { n: run.stops.length - farms })} ·{' '}
        {t('runs.length', { km: run.lengthKm, naive: run.naiveLengthKm })}
      </p>
      {claim.error ? <ErrorMessage error={claim.error} /> : null}
      {mine ? (
        <Link className="button block" to={`/partner/runs/${run.runId}`}>
          {t('runs.open')}
        </Link>
      ) : run.status === 'open' ? (
        <BusyButton
          busy={claim.busy}
          className="button block"
          onClick={() =>
            void claim.run(async () => navigate(`/partner/runs/${(await delivery.claim(run.runId)).runId}`))
          }
        >
          {t('runs.claim', { boxes: quantityText(run.boxes, 'box') })}
        </BusyButton>
      ) : null}
    </li>
  );
};

/** A partner's delivery days: the runs of a day in their region, planning them, and claiming one. */
export const RunsScreen = ({ day: asked }: { day?: string | null }) => {
  const { session } = useSession();
  const [region, setRegion] = useState(session?.user.region ?? 'Gelderland');
  const options = useAsync('delivery-days', () => delivery.options());
  const [picked, setPicked] = useState<string | null>(null);
  const plan = useAction();
  const [tick, setTick] = useState(0);
  const days =
    options.status === 'ready'
      ? (options.data.regions.find((r) => r.region === region)?.days ?? []).map((d) => d.day)
      : [];
  // open on the day asked for (a link from the open boxes), else the first day with boxes waiting, else the next day
  const waiting = useAsync(`open-days:${region}`, () => logistics.open(region));
  const firstWithBoxes =
    waiting.status === 'ready' ? days.find((d) => waiting.data.some((s) => s.deliveryDate === d)) : undefined;
  const day =
    picked ?? (asked && days.includes(asked) ? asked : undefined) ?? firstWithBoxes ?? days[0] ?? '';
  const runs = useAsync(
    `runs:${region}:${day}:${tick}`,
    () => (day ? delivery.runs(day, region) : Promise.resolve([])),
    {
      pollMs: () => 15_000,
    },
  );
  return (
    <Page
      title={t('nav.runs')}
      intro={t('runs.intro')}
    >
      <div className="row">
        <Field label={t('browse.region')} value={region} onChange={(e) => setRegion(e.target.value)} />
        <SelectField label={t('delivery.day')} value={day} onChange={(e) => setPicked(e.target.value)}>
          {days.map((d) => (
            <option key={d} value={d}>
              {formatDate(d)}
            </option>
          ))}
        </SelectField>
        <button
          type="button"
          className="button secondary"
          disabled={!day || plan.busy}
          aria-busy={plan.busy}
          onClick={() => void plan.run(async () => (await delivery.plan(region, day), setTick((n) => n + 1)))}
        >
          {t('runs.plan')}
        </button>
      </div>
      {plan.error ? <ErrorMessage error={plan.error} /> : null}
      <Async state={runs} what={t('runs.loading')}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              <p>{t('runs.none')}</p>
            </Empty>
          ) : (
            <ul className="plain stack" aria-label={t('runs.ofDay')}>
              {list.map((r) => (
                <RunCard key={r.runId} run={r} mine={!!r.partnerId && (session?.user.partnerIds ?? []).includes(r.partnerId)} />
              ))}
            </ul>
          )
        }
      </Async>
    </Page>
  );
};
