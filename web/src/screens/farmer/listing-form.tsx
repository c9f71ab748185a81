import { useState } from 'react';
import { catalog } from '../../api/catalog';
import { CATEGORIES, UNITS, type Listing, type ListingInput } from '../../api/types';
import { Photo } from '../../components/bits';
import { fieldErrors } from '../../api/client';
import { limitOf } from '../../api/limits';
import { Field, limitProps, SelectField, TextArea } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { enumText, formatMoney, humanize, parseAmount, todayIso as today } from '../../lib/format';
import { PHOTOS, photoUrl } from '../../lib/photos';
import { Link, navigate } from '../../lib/router';
import { StatusActions } from './status-actions';
import { PhotoUpload } from './photo-upload';
import { StockPanel } from './stock-panel';
import { useMyFarm } from './use-my-farm';
import { useAction } from '../../lib/use-action';
import { Form } from '../../components/form';
import { t } from '../../i18n';

const newLotCode = () =>
  `LOT-${today().replace(/-/g, '')}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

interface FormState {
  title: string;
  category: string;
  description: string;
  unit: string;
  price: string;
  photo: string;
  lotCode: string;
  field: string;
  harvestDate: string;
  bestBefore: string;
  lotQuantity: string;
  minC: string;
  maxC: string;
  available: string;
}

const fromListing = (l: Listing | undefined): FormState => ({
  title: l?.title ?? '',
  category: l?.category ?? 'vegetables',
  description: l?.description ?? '',
  unit: l?.unit ?? 'kg',
  price: l ? (l.unitPrice.amount / 100).toFixed(2) : '',
  photo: l?.photos[0] ?? photoUrl('carrots'),
  lotCode: l?.lot.lotCode ?? newLotCode(),
  field: l?.lot.field ?? '',
  harvestDate: l?.lot.harvestDate ?? today(),
  bestBefore: l?.lot.bestBefore ?? '',
  lotQuantity: l ? String(l.lot.quantity) : '',
  minC: l ? String(l.coldChain.minC) : '2',
  maxC: l ? String(l.coldChain.maxC) : '7',
  available: '',
});

const toInput = (f: FormState): ListingInput => ({
  title: f.title.trim(),
  category: f.category as ListingInput['category'],
  description: f.description.trim(),
  unit: f.unit as ListingInput['unit'],
  unitPrice: { amount: parseAmount(f.price) ?? 0, currency: 'EUR' },
  photos: f.photo ? [f.photo] : [],
  lot: {
    lotCode: f.lotCode.trim(),
    field: f.field.trim(),
    harvestDate: f.harvestDate,
    quantity: Number(f.lotQuantity),
    ...(f.bestBefore ? { bestBefore: f.bestBefore } : {}),
  },
  coldChain: { minC: Number(f.minC), maxC: Number(f.maxC) },
  available: Number(f.available),
});

const L = (field: Parameters<typeof limitOf<'ListingInput'>>[1]) =>
  limitProps(limitOf('ListingInput', field));

/** Why the typed price cannot be used, or null when it can (an empty one is only missing). */
export const priceProblem = (text: string): string | null => {
  const typed = text.trim();
  if (typed === '') return null;
  if (typed.startsWith('-')) return t('listingForm.priceNegative');
  const minor = parseAmount(typed);
  if (minor === null) return t('listingForm.priceWrong');
  if (minor === 0) return t('listingForm.priceZero', { zero: formatMoney({ amount: 0, currency: 'EUR' }) });
  return null;
};

/** What still keeps the form from being sent, in words (the button says why it waits). */
const missingOf = (f: FormState, creating: boolean): string[] => {
  const missing: string[] = [];
  if (!f.title.trim()) missing.push('a title');
  if (!f.price.trim()) missing.push('a price');
  else if (priceProblem(f.price)) missing.push('a valid price');
  if (creating && f.available.trim() === '') missing.push('the stock to sell');
  if (!f.lotCode.trim()) missing.push('a lot code');
  if (!f.field.trim()) missing.push('the field');
  if (!f.lotQuantity.trim()) missing.push('the lot size');
  if (f.minC !== '' && f.maxC !== '' && Number(f.minC) > Number(f.maxC))
    missing.push('a cold-chain range whose minimum is not above its maximum');
  return missing;
};

const ListingForm = ({ farmId, listing }: { farmId: string; listing?: Listing }) => {
  const [f, setF] = useState<FormState>(() => fromListing(listing));
  const [current, setCurrent] = useState(listing);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    setSaved(false);
  };
  const wrongPrice = priceProblem(f.price);
  const missing = missingOf(f, !current);
  const errs = fieldErrors(error);
  const coldWrong =
    f.minC !== '' && f.maxC !== '' && Number(f.minC) > Number(f.maxC)
      ? t('listingForm.maxBelowMin')
      : undefined;

  const submit = () =>
    run(async () => {
      const input = toInput(f);
      if (current) {
        const { available: _available, ...patch } = input;
        setCurrent(await catalog.updateListing(current.id, patch));
        setSaved(true);
      } else {
        const created = await catalog.createListing(farmId, input);
        navigate(`/farmer/listings/${created.id}`, { replace: true });
      }
    });

  return (
    <div className="grid two">
      <Form
        className="stack card"
        aria-label={current ? t('listingForm.edit') : t('farmer.newListing')}
        onSubmit={() => {
          void submit();
        }}
      >
        <Field
          label={t('listingForm.title')}
          required
          value={f.title}
          onChange={set('title')}
          error={errs.title}
          {...L('title')}
        />
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
        <TextArea
          label={t('listingForm.description')}
          rows={3}
          value={f.description}
          onChange={set('description')}
          error={errs.description}
          {...L('description')}
        />
        <div className="row">
          <Field
            label={t('listingForm.price', { symbol: '€' })}
            required
            inputMode="decimal"
            value={f.price}
            onChange={set('price')}
            error={wrongPrice ?? errs['unitPrice.amount']}
            hint={t('listingForm.priceHint')}
          />
          {current ? null : (
            <Field
              label={t('listingForm.stock')}
              required
              type="number"
              step={1}
              value={f.available}
              onChange={set('available')}
              hint={t('listingForm.stockHint')}
              error={errs.available}
              {...L('available')}
            />
          )}
        </div>
        <div className="row photo-pick">
          <SelectField label={t('listingForm.photo')} value={f.photo} onChange={set('photo')}>
            {f.photo.startsWith('/listing-photos/') ? (
              <option value={f.photo}>{t('listingForm.uploaded')}</option>
            ) : null}
            {PHOTOS.map((p) => (
              <option key={p} value={photoUrl(p)}>
                {humanize(p)}
              </option>
            ))}
          </SelectField>
          <Photo src={f.photo} alt={t('listingForm.selectedPhoto')} className="thumb" />
        </div>
        <fieldset>
          <legend>{t('listingForm.lot')}</legend>
          <Field
            label={t('listing.lotCode')}
            required
            value={f.lotCode}
            onChange={set('lotCode')}
            error={errs['lot.lotCode']}
            {...L('lot.lotCode')}
            hint={t('listingForm.lotHint')}
          />
          <Field
            label={t('listing.field')}
            required
            value={f.field}
            onChange={set('field')}
            error={errs['lot.field']}
            {...L('lot.field')}
            hint={t('listingForm.fieldHint')}
          />
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
            value={f.lotQuantity}
            onChange={set('lotQuantity')}
            error={errs['lot.quantity']}
            {...L('lot.quantity')}
            min={0.001}
            hint={t('listingForm.lotSizeHint', { unit: enumText('unitName', f.unit) })}
          />
        </fieldset>
        <fieldset>
          <legend>{t('listingForm.coldChain')}</legend>
          <div className="row">
            <Field
              label={t('listingForm.min')}
              type="number"
              required
              step="0.5"
              value={f.minC}
              onChange={set('minC')}
              error={errs['coldChain.minC']}
              {...L('coldChain.minC')}
            />
            <Field
              label={t('listingForm.max')}
              type="number"
              required
              step="0.5"
              value={f.maxC}
              onChange={set('maxC')}
              error={coldWrong ?? errs['coldChain.maxC'] ?? errs.coldChain}
              {...L('coldChain.maxC')}
            />
          </div>
        </fieldset>
        {error ? <ErrorMessage error={error} shown={Object.keys(errs)} /> : null}
        <p role="status" className="ok-text">
          {saved ? t('profile.saved') : ''}
        </p>
        {missing.length ? (
          <p id="listing-submit-why" className="muted small">
            To {current ? 'save' : 'create the listing'}, add {missing.join(', ')}.
          </p>
        ) : null}
        <button
          type="submit"
          className="button"
          disabled={busy || missing.length > 0}
          aria-busy={busy}
          aria-describedby={missing.length ? 'listing-submit-why' : undefined}
        >
          {current ? t('listingForm.save') : t('listingForm.create')}
        </button>
      </Form>
      {current ? (
        <div className="stack">
          <section className="card" aria-labelledby="status-h">
            <h2 id="status-h">{t('listingForm.status', { status: humanize(current.status) })}</h2>
            <p className="muted small">
              {current.status === 'published'
                ? t('listingForm.canOrder')
                : t('listingForm.cannotOrder')}
            </p>
            <div className="row">
              <StatusActions listing={current} onChange={setCurrent} />
            </div>
          </section>
          <PhotoUpload
            listing={current}
            onChange={(next) => {
              setCurrent(next);
              setF((cur) => ({ ...cur, photo: next.photos[0] ?? cur.photo }));
            }}
          />
          <StockPanel
            listing={current}
            onChange={(stock) => setCurrent({ ...current, stock, available: stock.available })}
          />
        </div>
      ) : null}
    </div>
  );
};

export const ListingFormScreen = ({ listingId }: { listingId?: string }) => {
  const state = useMyFarm();
  return (
    <Async state={state} what={t('farmer.loading')} page={t('listingForm.page')}>
      {(page) => {
        if (!page)
          return (
            <Page title={t('farmer.newListing')}>
              <Empty>
                <p>{t('listingForm.farmFirst')}</p>
                <Link className="button" to="/farmer">
                  {t('farmForm.create')}
                </Link>
              </Empty>
            </Page>
          );
        const listing = listingId ? page.listings.find((l) => l.id === listingId) : undefined;
        if (listingId && !listing)
          return (
            <Page title={t('listingForm.notFound')}>
              <p>
                {t('listingForm.notYours')} <Link to="/farmer">{t('listingForm.back')}</Link>
              </p>
            </Page>
          );
        return (
          <Page
            title={listing ? t('listingForm.editTitle', { title: listing.title }) : t('farmer.newListing')}
            actions={<Link to="/farmer">{t('listingForm.back')}</Link>}
          >
            <ListingForm key={listing?.id ?? 'new'} farmId={page.farm.id} {...(listing ? { listing } : {})} />
          </Page>
        );
      }}
    </Async>
  );
};
