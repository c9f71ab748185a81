import { limitOf } from '../../api/limits';
import { CATEGORIES, UNITS, type Listing } from '../../api/types';
import { Photo } from '../../components/bits';
import { Field, limitProps, SelectField, TextArea } from '../../components/field';
import { enumText, humanize, todayIso as today } from '../../lib/format';
import { PHOTOS, photoUrl } from '../../lib/photos';
import { priceProblem, type FormState } from './listing-form-state';
import { PhotoUpload } from './photo-upload';
import { StatusActions } from './status-actions';
import { StockPanel } from './stock-panel';
import { t } from '../../i18n';

const L = (field: Parameters<typeof limitOf<'ListingInput'>>[1]) => limitProps(limitOf('ListingInput', field));

/** What each section of the listing form gets: the values, a setter per field, and the service's messages. */
export interface SectionProps {
  f: FormState;
  set: (k: keyof FormState) => (e: { target: { value: string } }) => void;
  errs: Record<string, string>;
}

/** A field's value and setter, the service's message for it and its limits, by its path in ListingInput. */
const binder =
  ({ f, set, errs }: SectionProps) =>
  (k: keyof FormState, path: Parameters<typeof L>[0]) => ({
    value: f[k],
    onChange: set(k),
    error: errs[path],
    ...L(path),
  });

/** The produce: title, category and unit, description, price (and, for a new listing, the stock), photo. */
export const ProduceFields = ({ creating, ...p }: SectionProps & { creating: boolean }) => {
  const { f, set, errs } = p;
  const bind = binder(p);
  return (
    <>
      <Field label={t('listingForm.title')} required {...bind('title', 'title')} />
      <div className="row">
        <SelectField label={t('browse.category')} value={f.category} onChange={set('category')}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {enumText('category', c)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('listingForm.unit')} value={f.unit} onChange={set('unit')}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {enumText('unitName', u)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextArea label={t('listingForm.description')} rows={3} {...bind('description', 'description')} />
      <div className="row">
        <Field
          label={t('listingForm.price', { symbol: '€' })}
          required
          inputMode="decimal"
          value={f.price}
          onChange={set('price')}
          error={priceProblem(f.price) ?? errs['unitPrice.amount']}
          hint={t('listingForm.priceHint')}
        />
        {creating ? (
          <Field
            label={t('listingForm.stock')}
            required
            type="number"
            step={1}
            hint={t('listingForm.stockHint')}
            {...bind('available', 'available')}
          />
        ) : null}
      </div>
      <div className="row photo-pick">
        <SelectField label={t('listingForm.photo')} value={f.photo} onChange={set('photo')}>
          {f.photo.startsWith('/listing-photos/') ? <option value={f.photo}>{t('listingForm.uploaded')}</option> : null}
          {PHOTOS.map((ph) => (
            <option key={ph} value={photoUrl(ph)}>
              {humanize(ph)}
            </option>
          ))}
        </SelectField>
        <Photo src={f.photo} alt={t('listingForm.selectedPhoto')} className="thumb" />
      </div>
    </>
  );
};

/** The traceability lot: its code, the field, harvest and best-before dates, and its size. */
export const LotFields = (p: SectionProps) => {
  const { f, set, errs } = p;
  const bind = binder(p);
  return (
    <fieldset>
      <legend>{t('listingForm.lot')}</legend>
      <Field label={t('listing.lotCode')} required {...bind('lotCode', 'lot.lotCode')} hint={t('listingForm.lotHint')} />
      <Field label={t('listing.field')} required {...bind('field', 'lot.field')} hint={t('listingForm.fieldHint')} />
      <div className="row">
        <Field
          label={t('listingForm.harvestDate')}
          type="date"
          required
          max={today()}
          value={f.harvestDate}
          onChange={set('harvestDate')}
          error={errs['lot.harvestDate']}
        />
        <Field
          label={t('listing.bestBefore')}
          type="date"
          min={f.harvestDate}
          value={f.bestBefore}
          onChange={set('bestBefore')}
          error={errs['lot.bestBefore']}
        />
      </div>
      <Field
        label={t('listingForm.lotSize')}
        required
        type="number"
        step="any"
        {...bind('lotQuantity', 'lot.quantity')}
        min={0.001}
        hint={t('listingForm.lotSizeHint', { unit: enumText('unitName', f.unit) })}
      />
    </fieldset>
  );
};

/** The temperatures the produce must be kept between, from field to door. */
export const ColdChainFields = (p: SectionProps) => {
  const { f, errs } = p;
  const bind = binder(p);
  const coldWrong =
    f.minC !== '' && f.maxC !== '' && Number(f.minC) > Number(f.maxC) ? t('listingForm.maxBelowMin') : undefined;
  return (
    <fieldset>
      <legend>{t('listingForm.coldChain')}</legend>
      <div className="row">
        <Field label={t('listingForm.min')} type="number" required step="0.5" {...bind('minC', 'coldChain.minC')} />
        <Field
          label={t('listingForm.max')}
          type="number"
          required
          step="0.5"
          {...bind('maxC', 'coldChain.maxC')}
          error={coldWrong ?? errs['coldChain.maxC'] ?? errs.coldChain}
        />
      </div>
    </fieldset>
  );
};

/** Beside a listing that exists: its status and what can change it, its own photo, its stock. */
export const ListingPanels = ({
  listing,
  onChange,
  onPhoto,
}: {
  listing: Listing;
  onChange: (l: Listing) => void;
  onPhoto: (l: Listing) => void;
}) => (
  <div className="stack">
    <section className="card" aria-labelledby="status-h">
      <h2 id="status-h">{t('listingForm.status', { status: humanize(listing.status) })}</h2>
      <p className="muted small">
        {listing.status === 'published' ? t('listingForm.canOrder') : t('listingForm.cannotOrder')}
      </p>
      <div className="row">
        <StatusActions listing={listing} onChange={onChange} />
      </div>
    </section>
    <PhotoUpload listing={listing} onChange={onPhoto} />
    <StockPanel listing={listing} onChange={(stock) => onChange({ ...listing, stock, available: stock.available })} />
  </div>
);
