import type { RegionOffer } from '../../api/types';
import { MapPicker } from '../../components/map-picker';
import { Field, SelectField } from '../../components/field';
import { dateLocale } from '../../lib/locale';
import { t, type MessageId } from '../../i18n';

type Rule = RegionOffer['rules'][number];
type Point = RegionOffer['pickupPoints'][number];
type Zone = RegionOffer['zones'][number];

/** What the form edits: numbers the operator types stay text until they are sent (lat/lng, postcode ranges). */
export type PointDraft = Omit<Point, 'address'> & { address: Omit<Point['address'], 'geo'>; lat: string; lng: string };
export type ZoneDraft = Omit<Zone, 'postcodes'> & { postcodes: string };
export interface Draft {
  rules: Rule[];
  pickupPoints: PointDraft[];
  zones: ZoneDraft[];
}

/** Monday to Sunday (ISO weekdays 1..7) as the person's language names them (2024-01-01 was a Monday). */
export const weekdays = (): string[] => {
  const f = new Intl.DateTimeFormat(dateLocale(), { weekday: 'long', timeZone: 'UTC' });
  return [0, 1, 2, 3, 4, 5, 6].map((d) => f.format(new Date(Date.UTC(2024, 0, 1 + d))));
};
const KINDS: Record<Point['kind'], MessageId> = {
  farm_shop: 'adminDelivery.kind.farm_shop',
  market_stall: 'adminDelivery.kind.market_stall',
  locker: 'adminDelivery.kind.locker',
};

export const toDraft = (o: RegionOffer): Draft => ({
  rules: o.rules,
  pickupPoints: o.pickupPoints.map(({ address: { geo, ...address }, ...p }) => ({
    ...p,
    address,
    lat: geo ? String(geo.lat) : '',
    lng: geo ? String(geo.lng) : '',
  })),
  zones: o.zones.map((z) => ({ ...z, postcodes: z.postcodes.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(', ') })),
});

const range = (s: string): [number, number] => {
  const [lo, hi = lo] = s.split('-').map((x) => x.trim());
  return [Number(lo), Number(hi)];
};

/** The draft as the PUT body takes it; what does not parse goes as it is, for the service to name. */
export const fromDraft = (d: Draft) => ({
  rules: d.rules,
  pickupPoints: d.pickupPoints.map(({ lat, lng, ...p }) => ({
    ...p,
    address: { ...p.address, ...(lat.trim() || lng.trim() ? { geo: { lat: Number(lat), lng: Number(lng) } } : {}) },
  })),
  zones: d.zones.map((z) => ({
    ...z,
    postcodes: z.postcodes.split(',').map((x) => x.trim()).filter(Boolean).map(range),
  })),
});

export const newRule = (): Rule => ({ weekday: 5, cutoffDaysBefore: 2, cutoffTime: '18:00' });
export const newPoint = (n: number): PointDraft => ({
  pickupPointId: `pp-new-${n}`,
  name: '',
  kind: 'locker',
  address: { line1: '', city: '', postalCode: '', country: 'NL' },
  opens: '09:00',
  closes: '18:00',
  feeMinor: 0,
  lat: '',
  lng: '',
});
export const newZone = (n: number): ZoneDraft => ({ zoneId: `zone-new-${n}`, name: '', postcodes: '', feeMinor: 0 });

/** The problem+json errors of one field (and of what is inside it), shown under that field. */
export type ErrorsOf = (path: string) => string | undefined;

/** A field's error from the service, next to it (the Field ties it with aria-describedby and marks it invalid). */
const bad = (text: string | undefined) => ({ error: text });

const int = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/** The button that removes a row; `aria` names the row (the button's own text is short). */
const RemoveButton = ({ text, aria, onClick }: { text: string; aria: string; onClick: () => void }) => (
  <button type="button" className="button secondary" onClick={onClick} aria-label={aria}>
    {text}
  </button>
);

export const RuleRow = ({ rule, i, set, remove, err }: { rule: Rule; i: number; set: (r: Rule) => void; remove: () => void; err: ErrorsOf }) => {
  const e = (f: string) => err(`rules.${i}.${f}`);
  return (
    <fieldset className="row">
      <legend>{t('adminDelivery.dayN', { n: i + 1 })}</legend>
      <SelectField
        label={t('adminDelivery.weekday')}
        value={rule.weekday}
        onChange={(x) => set({ ...rule, weekday: Number(x.target.value) })}
        {...bad(e('weekday'))}
      >
        {weekdays().map((w, k) => (
          <option key={k} value={k + 1}>
            {w}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('adminDelivery.cutoffDays')}
        type="number" value={Number.isNaN(rule.cutoffDaysBefore) ? '' : rule.cutoffDaysBefore} onChange={(x) => set({ ...rule, cutoffDaysBefore: int(x.target.value) })} {...bad(e('cutoffDaysBefore'))} />
      <Field
        label={t('adminDelivery.cutoffTime')}
        type="time" value={rule.cutoffTime} onChange={(x) => set({ ...rule, cutoffTime: x.target.value })} {...bad(e('cutoffTime'))} />
      <RemoveButton text={t('adminDelivery.remove')} aria={t('adminDelivery.removeDay', { n: i + 1 })} onClick={remove} />
    </fieldset>
  );
};

export const PointRow = ({ p, i, set, remove, err }: { p: PointDraft; i: number; set: (p: PointDraft) => void; remove: () => void; err: ErrorsOf }) => {
  const e = (f: string) => err(`pickupPoints.${i}.${f}`);
  const text = (label: string, f: string, value: string, change: (v: string) => PointDraft, type = 'text') => (
    <Field label={label} type={type} value={value} onChange={(x) => set(change(x.target.value))} {...bad(e(f))} />
  );
  return (
    <fieldset className="card stack">
      <legend>
        {p.name
          ? t('adminDelivery.pointNamed', { n: i + 1, name: p.name })
          : t('adminDelivery.pointN', { n: i + 1 })}
      </legend>
      <div className="row">
        {text(t('adminDelivery.id'), 'pickupPointId', p.pickupPointId, (v) => ({ ...p, pickupPointId: v }))}
        {text(t('adminDelivery.name'), 'name', p.name, (v) => ({ ...p, name: v }))}
        <SelectField
          label={t('adminDelivery.kind')}
          value={p.kind}
          onChange={(x) => set({ ...p, kind: x.target.value as Point['kind'] })}
        >
          {Object.entries(KINDS).map(([k, label]) => (
            <option key={k} value={k}>
              {t(label)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="row">
        {text(t('adminDelivery.street'), 'address.line1', p.address.line1, (v) => ({ ...p, address: { ...p.address, line1: v } }))}
        {text(t('adminDelivery.postalCode'), 'address.postalCode', p.address.postalCode, (v) => ({ ...p, address: { ...p.address, postalCode: v } }))}
        {text(t('adminDelivery.city'), 'address.city', p.address.city, (v) => ({ ...p, address: { ...p.address, city: v } }))}
      </div>
      <div className="row">
        {text(t('adminDelivery.opens'), 'opens', p.opens, (v) => ({ ...p, opens: v }), 'time')}
        {text(t('adminDelivery.closes'), 'closes', p.closes, (v) => ({ ...p, closes: v }), 'time')}
        <Field label={t('adminDelivery.fee')} type="number" value={Number.isNaN(p.feeMinor) ? '' : p.feeMinor} onChange={(x) => set({ ...p, feeMinor: int(x.target.value) })} {...bad(e('feeMinor'))} />
      </div>
      <MapPicker
        legend={t('adminDelivery.where', { n: i + 1 })}
        value={p.lat.trim() && p.lng.trim() ? { lat: Number(p.lat), lng: Number(p.lng) } : null}
        postalCode={p.address.postalCode}
        error={e('address.geo')}
        onChange={(geo) => set({ ...p, lat: geo ? String(geo.lat) : '', lng: geo ? String(geo.lng) : '' })}
      />
      <div>
        <RemoveButton text={t('adminDelivery.removePoint')} aria={t('adminDelivery.removePointAria', { n: i + 1 })} onClick={remove} />
      </div>
    </fieldset>
  );
};

export const ZoneRow = ({ z, i, set, remove, err }: { z: ZoneDraft; i: number; set: (z: ZoneDraft) => void; remove: () => void; err: ErrorsOf }) => {
  const e = (f: string) => err(`zones.${i}.${f}`);
  return (
    <fieldset className="card stack">
      <legend>
        {z.name ? t('adminDelivery.zoneNamed', { n: i + 1, name: z.name }) : t('adminDelivery.zoneN', { n: i + 1 })}
      </legend>
      <div className="row">
        <Field label={t('adminDelivery.id')} value={z.zoneId} onChange={(x) => set({ ...z, zoneId: x.target.value })} {...bad(e('zoneId'))} />
        <Field label={t('adminDelivery.name')} value={z.name} onChange={(x) => set({ ...z, name: x.target.value })} {...bad(e('name'))} />
        <Field label={t('adminDelivery.postcodes')} value={z.postcodes} onChange={(x) => set({ ...z, postcodes: x.target.value })} {...bad(e('postcodes'))} />
        <Field label={t('adminDelivery.fee')} type="number" value={Number.isNaN(z.feeMinor) ? '' : z.feeMinor} onChange={(x) => set({ ...z, feeMinor: int(x.target.value) })} {...bad(e('feeMinor'))} />
      </div>
      <div>
        <RemoveButton text={t('adminDelivery.removeZone')} aria={t('adminDelivery.removeZoneAria', { n: i + 1 })} onClick={remove} />
      </div>
    </fieldset>
  );
};
