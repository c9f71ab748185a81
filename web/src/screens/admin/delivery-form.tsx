import type { RegionOffer } from '../../api/types';
import { MapPicker } from '../../components/map-picker';
import { Field, SelectField } from '../../components/field';

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

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KINDS: Record<Point['kind'], string> = { farm_shop: 'Farm shop', market_stall: 'Market stall', locker: 'Locker' };

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

export const RuleRow = ({ rule, i, set, remove, err }: { rule: Rule; i: number; set: (r: Rule) => void; remove: () => void; err: ErrorsOf }) => {
  const e = (f: string) => err(`rules.${i}.${f}`);
  return (
    <fieldset className="row">
      <legend>Delivery day {i + 1}</legend>
      <SelectField label="Weekday" value={rule.weekday} onChange={(x) => set({ ...rule, weekday: Number(x.target.value) })} {...bad(e('weekday'))}>
        {WEEKDAYS.map((w, k) => (
          <option key={w} value={k + 1}>
            {w}
          </option>
        ))}
      </SelectField>
      <Field label="Orders close (days before)" type="number" value={Number.isNaN(rule.cutoffDaysBefore) ? '' : rule.cutoffDaysBefore} onChange={(x) => set({ ...rule, cutoffDaysBefore: int(x.target.value) })} {...bad(e('cutoffDaysBefore'))} />
      <Field label="At (Amsterdam time)" type="time" value={rule.cutoffTime} onChange={(x) => set({ ...rule, cutoffTime: x.target.value })} {...bad(e('cutoffTime'))} />
      <button type="button" className="button secondary" onClick={remove} aria-label={`Remove delivery day ${i + 1}`}>
        Remove
      </button>
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
      <legend>Pickup point {i + 1}{p.name ? `: ${p.name}` : ''}</legend>
      <div className="row">
        {text('Id', 'pickupPointId', p.pickupPointId, (v) => ({ ...p, pickupPointId: v }))}
        {text('Name', 'name', p.name, (v) => ({ ...p, name: v }))}
        <SelectField label="Kind" value={p.kind} onChange={(x) => set({ ...p, kind: x.target.value as Point['kind'] })}>
          {Object.entries(KINDS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="row">
        {text('Street and number', 'address.line1', p.address.line1, (v) => ({ ...p, address: { ...p.address, line1: v } }))}
        {text('Postal code', 'address.postalCode', p.address.postalCode, (v) => ({ ...p, address: { ...p.address, postalCode: v } }))}
        {text('City', 'address.city', p.address.city, (v) => ({ ...p, address: { ...p.address, city: v } }))}
      </div>
      <div className="row">
        {text('Opens', 'opens', p.opens, (v) => ({ ...p, opens: v }), 'time')}
        {text('Closes', 'closes', p.closes, (v) => ({ ...p, closes: v }), 'time')}
        <Field label="Fee (cents)" type="number" value={Number.isNaN(p.feeMinor) ? '' : p.feeMinor} onChange={(x) => set({ ...p, feeMinor: int(x.target.value) })} {...bad(e('feeMinor'))} />
      </div>
      <MapPicker
        legend={`Where pickup point ${i + 1} is`}
        value={p.lat.trim() && p.lng.trim() ? { lat: Number(p.lat), lng: Number(p.lng) } : null}
        postalCode={p.address.postalCode}
        error={e('address.geo')}
        onChange={(geo) => set({ ...p, lat: geo ? String(geo.lat) : '', lng: geo ? String(geo.lng) : '' })}
      />
      <div>
        <button type="button" className="button secondary" onClick={remove} aria-label={`Remove pickup point ${i + 1}`}>
          Remove pickup point
        </button>
      </div>
    </fieldset>
  );
};

export const ZoneRow = ({ z, i, set, remove, err }: { z: ZoneDraft; i: number; set: (z: ZoneDraft) => void; remove: () => void; err: ErrorsOf }) => {
  const e = (f: string) => err(`zones.${i}.${f}`);
  return (
    <fieldset className="card stack">
      <legend>Home zone {i + 1}{z.name ? `: ${z.name}` : ''}</legend>
      <div className="row">
        <Field label="Id" value={z.zoneId} onChange={(x) => set({ ...z, zoneId: x.target.value })} {...bad(e('zoneId'))} />
        <Field label="Name" value={z.name} onChange={(x) => set({ ...z, name: x.target.value })} {...bad(e('name'))} />
        <Field label="Postcodes (e.g. 6700-6729, 6800)" value={z.postcodes} onChange={(x) => set({ ...z, postcodes: x.target.value })} {...bad(e('postcodes'))} />
        <Field label="Fee (cents)" type="number" value={Number.isNaN(z.feeMinor) ? '' : z.feeMinor} onChange={(x) => set({ ...z, feeMinor: int(x.target.value) })} {...bad(e('feeMinor'))} />
      </div>
      <div>
        <button type="button" className="button secondary" onClick={remove} aria-label={`Remove home zone ${i + 1}`}>
          Remove home zone
        </button>
      </div>
    </fieldset>
  );
};
