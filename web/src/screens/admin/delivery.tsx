import { useState, type ReactNode } from 'react';
import { admin } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { RegionOffer } from '../../api/types';
import { SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { fromDraft, newPoint, newRule, newZone, PointRow, RuleRow, toDraft, ZoneRow, type Draft } from './delivery-form';
import { ReasonForm } from './reason-form';
import { t, tx } from '../../i18n';

const replaceAt = <T,>(xs: T[], i: number, x: T) => xs.map((y, k) => (k === i ? x : y));
const without = <T,>(xs: T[], i: number) => xs.filter((_, k) => k !== i);

/** A part of the offer (days, pickup points, zones): its rows, then the button that adds one. */
const RowsSection = ({ id, title, add, onAdd, children }: { id: string; title: string; add: string; onAdd: () => void; children: ReactNode }) => (
  <section className="stack" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children}
    <div>
      <button type="button" className="button secondary" onClick={onAdd}>
        {add}
      </button>
    </div>
  </section>
);

/** One region's offer as a form: days, pickup points and zones, rows added and removed, saved with a reason. */
const OfferEditor = ({ offer, onSaved, reload }: { offer: RegionOffer; onSaved: (o: RegionOffer) => void; reload: () => void }) => {
  const [draft, setDraft] = useState<Draft>(() => toDraft(offer));
  const [issues, setIssues] = useState<{ field: string; message: string }[]>([]);
  const [added, setAdded] = useState(0);
  const [stale, setStale] = useState(false);
  const err = (path: string) => {
    const mine = issues.filter((i) => i.field === `body.${path}` || i.field.startsWith(`body.${path}.`));
    return mine.length ? mine.map((i) => i.message).join('; ') : undefined;
  };
  const set = (d: Partial<Draft>) => setDraft({ ...draft, ...d });
  const submit = async (reason: string) => {
    setIssues([]);
    try {
      onSaved(await admin.publishDeliveryRegion(offer.region, { version: offer.version, timeZone: 'Europe/Amsterdam', ...fromDraft(draft), reason }));
    } catch (e) {
      if (e instanceof ApiError) {
        setIssues(e.issues);
        setStale(e.status === 409);
      }
      throw e;
    }
  };
  return (
    <div className="stack">
      <p className="muted small">
        {tx('adminDelivery.version', {
          version: offer.version,
          time: formatDateTime(offer.updatedAt),
          by: offer.updatedBy,
          data: (c) => <span translate="no">{c}</span>,
        })}
      </p>
      <RowsSection id="days-h" title={t('adminDelivery.days')} add={t('adminDelivery.addDay')} onAdd={() => set({ rules: [...draft.rules, newRule()] })}>
        {err('rules') && !draft.rules.length ? <p className="field-error">{err('rules')}</p> : null}
        {draft.rules.map((r, i) => (
          <RuleRow key={i} rule={r} i={i} err={err} set={(x) => set({ rules: replaceAt(draft.rules, i, x) })} remove={() => set({ rules: without(draft.rules, i) })} />
        ))}
      </RowsSection>
      <RowsSection
        id="points-h"
        title={t('adminDelivery.points')}
        add={t('adminDelivery.addPoint')}
        onAdd={() => {
          setAdded(added + 1);
          set({ pickupPoints: [...draft.pickupPoints, newPoint(added + 1)] });
        }}
      >
        {draft.pickupPoints.map((p, i) => (
          <PointRow key={i} p={p} i={i} err={err} set={(x) => set({ pickupPoints: replaceAt(draft.pickupPoints, i, x) })} remove={() => set({ pickupPoints: without(draft.pickupPoints, i) })} />
        ))}
      </RowsSection>
      <RowsSection
        id="zones-h"
        title={t('adminDelivery.zones')}
        add={t('adminDelivery.addZone')}
        onAdd={() => {
          setAdded(added + 1);
          set({ zones: [...draft.zones, newZone(added + 1)] });
        }}
      >
        {draft.zones.map((z, i) => (
          <ZoneRow key={i} z={z} i={i} err={err} set={(x) => set({ zones: replaceAt(draft.zones, i, x) })} remove={() => set({ zones: without(draft.zones, i) })} />
        ))}
      </RowsSection>
      <section className="card stack" aria-labelledby="publish-h">
        <h2 id="publish-h">{t('adminDelivery.publishH')}</h2>
        <ReasonForm
          label={t('adminDelivery.publish', { region: offer.region })}
          submit={submit}
          onDone={() => undefined}
        />
        {stale ? (
          <div>
            <p>{t('adminDelivery.stale', { region: offer.region })}</p>
            <button type="button" className="button secondary" onClick={reload}>
              {t('adminDelivery.loadLatest')}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
};

export const AdminDeliveryScreen = () => {
  const regions = useAsync('admin-delivery-regions', () => admin.deliveryRegions());
  const [picked, setPicked] = useState('');
  const [saved, setSaved] = useState<RegionOffer | null>(null);
  return (
    <Page title={t('adminDelivery.title')} intro={t('adminDelivery.intro')}>
      <AdminNav />
      <Async state={regions} what={t('adminDelivery.loadingRegions')}>
        {(list) => {
          if (list.regions.length === 0)
            return (
              <Empty>
                <p>{t('adminDelivery.none')}</p>
              </Empty>
            );
          const region = picked || list.regions[0]!.region;
          return (
            <>
              <div className="row">
                <SelectField label={t('adminDelivery.region')} value={region} onChange={(e) => { setSaved(null); setPicked(e.target.value); }}>
                  {list.regions.map((r) => (
                    <option key={r.region} value={r.region}>
                      {t('adminDelivery.regionOption', {
                        region: r.region,
                        days: r.days,
                        points: r.pickupPoints,
                        zones: r.zones,
                      })}
                    </option>
                  ))}
                </SelectField>
              </div>
              {saved ? (
                <p className="state state-ok" role="status">
                  {t('adminDelivery.published', { version: saved.version, region: saved.region })}
                </p>
              ) : null}
              <RegionEditor key={`${region}:${saved?.version ?? ''}`} region={region} onSaved={(o) => { setSaved(o); regions.reload(); }} />
            </>
          );
        }}
      </Async>
    </Page>
  );
};

const RegionEditor = ({ region, onSaved }: { region: string; onSaved: (o: RegionOffer) => void }) => {
  const offer = useAsync(`admin-delivery:${region}`, () => admin.deliveryRegion(region));
  return (
    <Async state={offer} what={t('adminDelivery.loading', { region })}>
      {(o) => <OfferEditor key={o.version} offer={o} onSaved={onSaved} reload={offer.reload} />}
    </Async>
  );
};
