import { useState } from 'react';
import { catalog } from '../../api/catalog';
import { fieldErrors } from '../../api/client';
import { limitOf } from '../../api/limits';
import { CERTIFICATION_TYPES, type CertificationType, type Farm, type FarmInput } from '../../api/types';
import { Field, limitProps, SelectField, TextArea } from '../../components/field';
import { MapPicker } from '../../components/map-picker';
import { ErrorMessage } from '../../components/states';
import { humanize } from '../../lib/format';
import { useAction } from '../../lib/use-action';

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
    <form
      className="stack card"
      noValidate
      aria-labelledby="farm-form-h"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="farm-form-h">{farm ? 'Farm profile' : 'Create your farm'}</h2>
      <Field
        label="Farm name"
        required
        value={f.name}
        onChange={set('name')}
        error={errs.name}
        {...L('name')}
      />
      <TextArea
        label="About the farm"
        rows={3}
        value={f.description}
        onChange={set('description')}
        error={errs.description}
        {...L('description')}
      />
      <Field
        label="Street and number"
        required
        value={f.line1}
        onChange={set('line1')}
        error={errs['address.line1']}
        {...L('address.line1')}
      />
      <div className="row">
        <Field
          label="Postal code"
          required
          value={f.postalCode}
          onChange={set('postalCode')}
          error={errs['address.postalCode']}
          {...L('address.postalCode')}
        />
        <Field
          label="City"
          required
          value={f.city}
          onChange={set('city')}
          error={errs['address.city']}
          {...L('address.city')}
        />
      </div>
      <Field
        label="Region (province)"
        required
        value={f.region}
        onChange={set('region')}
        hint="Couriers see shipments of their region, e.g. Gelderland"
        error={errs.region}
        {...L('region')}
      />
      <MapPicker
        legend="Where the farm is (couriers pick up here)"
        value={f.geo}
        postalCode={f.postalCode}
        error={
          errs['address.geo'] ??
          errs['address.geo.lat'] ??
          errs['address.geo.lng'] ??
          (geoMissing && !f.geo ? 'Choose where the farm is: click the map or use the postcode.' : undefined)
        }
        onChange={(geo) => {
          setF((cur) => ({ ...cur, geo }));
          setSaved(false);
        }}
      />
      <fieldset>
        <legend>Certification (optional)</legend>
        <SelectField label="Type" value={f.certType} onChange={set('certType')}>
          <option value="">None</option>
          {CERTIFICATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {humanize(t)}
            </option>
          ))}
        </SelectField>
        {f.certType ? (
          <>
            <Field
              label="Certifier"
              required
              value={f.certifier}
              onChange={set('certifier')}
              error={errs['certifications.0.certifier']}
              {...L('certifications.*.certifier')}
            />
            <Field
              label="Certificate number"
              value={f.certNumber}
              onChange={set('certNumber')}
              error={errs['certifications.0.certificateNumber']}
              {...L('certifications.*.certificateNumber')}
            />
            <Field
              label="Valid until"
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
        {saved ? 'Farm profile saved.' : ''}
      </p>
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {farm ? 'Save farm profile' : 'Create farm'}
      </button>
    </form>
  );
};
