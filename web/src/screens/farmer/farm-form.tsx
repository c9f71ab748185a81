import { useState } from 'react';
import { catalog } from '../../api/catalog';
import { fieldErrors } from '../../api/client';
import { limitOf } from '../../api/limits';
import { CERTIFICATION_TYPES, type CertificationType, type Farm, type FarmInput } from '../../api/types';
import { Field, limitProps, SelectField, TextArea } from '../../components/field';
import { Form, SubmitButton } from '../../components/form';
import { MapPicker } from '../../components/map-picker';
import { ErrorMessage } from '../../components/states';
import { enumText } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { t } from '../../i18n';

const L = (field: Parameters<typeof limitOf<'FarmInput'>>[1]) => limitProps(limitOf('FarmInput', field));

/** What the approved application already said about a farm not opened yet (identity's "Sell on FieldToTable"). */
export interface FarmDraft {
  name: string;
  region: string;
  description: string;
}

const fromFarm = (farm: Farm | undefined, draft?: FarmDraft) => {
  const cert = farm?.certifications[0];
  return {
    name: farm?.name ?? draft?.name ?? '',
    description: farm?.description ?? draft?.description ?? '',
    line1: farm?.address.line1 ?? '',
    postalCode: farm?.address.postalCode ?? '',
    city: farm?.address.city ?? '',
    country: farm?.address.country ?? 'NL',
    region: farm?.region ?? draft?.region ?? '',
    geo: farm?.address.geo ? { lat: farm.address.geo.lat, lng: farm.address.geo.lng } : null,
    certType: (cert?.type ?? '') as CertificationType | '',
    certifier: cert?.certifier ?? '',
    certNumber: cert?.certificateNumber ?? '',
    certValid: cert?.validUntil.slice(0, 10) ?? '',
  };
};

/**
 * The farmer's farm profile (the pickup point: coordinates are required by logistics): created once, edited later.
 * Without `farm` it creates one.
 */
export const FarmForm = ({ farm, draft, onSaved }: { farm?: Farm; draft?: FarmDraft; onSaved: (f: Farm) => void }) => {
  const [f, setF] = useState(() => fromFarm(farm, draft));
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const [geoMissing, setGeoMissing] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    setSaved(false);
  };
  const errs = fieldErrors(error);
  /** A text field's value and setter, the service's message for it (at `errorPath`) and its limits. */
  const bind = (k: Exclude<keyof typeof f, 'geo'>, path: Parameters<typeof L>[0], errorPath: string = path) => ({
    value: f[k],
    onChange: set(k),
    error: errs[errorPath],
    ...L(path),
  });

  const submit = () => {
    // the pickup place is required: the form says so itself, before asking the service
    if (!f.geo) {
      setGeoMissing(true);
      return;
    }
    const geo = f.geo;
    return run(async () => {
      const body: FarmInput = {
        name: f.name.trim(),
        description: f.description.trim(),
        region: f.region.trim(),
        address: {
          line1: f.line1.trim(),
          postalCode: f.postalCode.trim(),
          city: f.city.trim(),
          country: f.country,
          geo,
        },
        certifications: f.certType
          ? [
              {
                type: f.certType,
                certifier: f.certifier.trim(),
                validUntil: f.certValid,
                ...(f.certNumber.trim() ? { certificateNumber: f.certNumber.trim() } : {}),
              },
            ]
          : [],
      };
      const next = farm ? await catalog.updateFarm(farm.id, body) : await catalog.createFarm(body);
      setSaved(Boolean(farm));
      onSaved(next);
    });
  };

  return (
    <Form className="stack card" aria-labelledby="farm-form-h" onSubmit={() => void submit()}>
      <h2 id="farm-form-h">{farm ? t('farmForm.profile') : t('farmForm.create')}</h2>
      <Field
        label={t('farmForm.name')}
        required
        {...bind('name', 'name')}
      />
      <TextArea
        label={t('farmForm.about')}
        rows={3}
        {...bind('description', 'description')}
      />
      <Field
        label={t('checkout.street')}
        required
        {...bind('line1', 'address.line1')}
      />
      <div className="row">
        <Field
          label={t('checkout.postalCode')}
          required
          {...bind('postalCode', 'address.postalCode')}
        />
        <Field
          label={t('checkout.city')}
          required
          {...bind('city', 'address.city')}
        />
      </div>
      <Field
        label={t('farmForm.region')}
        required
        hint={t('farmForm.regionHint')}
        {...bind('region', 'region')}
      />
      <MapPicker
        legend={t('farmForm.where')}
        value={f.geo}
        postalCode={f.postalCode}
        error={
          errs['address.geo'] ??
          errs['address.geo.lat'] ??
          errs['address.geo.lng'] ??
          (geoMissing && !f.geo ? t('farmForm.geoMissing') : undefined)
        }
        onChange={(geo) => {
          setF((cur) => ({ ...cur, geo }));
          setSaved(false);
        }}
      />
      <fieldset>
        <legend>{t('farmForm.certification')}</legend>
        <SelectField label={t('farmForm.type')} value={f.certType} onChange={set('certType')}>
          <option value="">{t('farmForm.none')}</option>
          {CERTIFICATION_TYPES.map((c) => (
            <option key={c} value={c}>
              {enumText('certification', c)}
            </option>
          ))}
        </SelectField>
        {f.certType ? (
          <>
            <Field
              label={t('farmForm.certifier')}
              required
              {...bind('certifier', 'certifications.*.certifier', 'certifications.0.certifier')}
            />
            <Field
              label={t('farmForm.number')}
              {...bind('certNumber', 'certifications.*.certificateNumber', 'certifications.0.certificateNumber')}
            />
            <Field
              label={t('farmForm.validUntil')}
              type="date"
              required
              value={f.certValid}
              onChange={set('certValid')}
              error={errs['certifications.0.validUntil']}
            />
          </>
        ) : null}
      </fieldset>
      {error ? <ErrorMessage error={error} shown={Object.keys(errs)} /> : null}
      <p role="status" className="ok-text">
        {saved ? t('farmForm.saved') : ''}
      </p>
      <SubmitButton busy={busy}>{farm ? t('farmForm.save') : t('farmForm.createButton')}</SubmitButton>
    </Form>
  );
};
