import { useState } from 'react';
import { catalog } from '../../api/catalog';
import { CERTIFICATION_TYPES, type CertificationType, type Farm } from '../../api/types';
import { Field, SelectField, TextArea } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { humanize } from '../../lib/format';
import { useAction } from '../../lib/use-action';

/** Creating the farmer's farm (the pickup point: coordinates are required by logistics). */
export const FarmForm = ({ onCreated }: { onCreated: (f: Farm) => void }) => {
  const [f, setF] = useState({
    name: '',
    description: '',
    line1: '',
    postalCode: '',
    city: '',
    region: '',
    lat: '',
    lng: '',
    certType: '' as CertificationType | '',
    certifier: '',
    certNumber: '',
    certValid: '',
  });
  const { busy, error, run } = useAction();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });

  const submit = () =>
    run(async () => {
      onCreated(
        await catalog.createFarm({
          name: f.name.trim(),
          description: f.description.trim(),
          region: f.region.trim(),
          address: {
            line1: f.line1.trim(),
            postalCode: f.postalCode.trim(),
            city: f.city.trim(),
            country: 'NL',
            geo: { lat: Number(f.lat), lng: Number(f.lng) },
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
        }),
      );
    });

  return (
    <form
      className="stack card"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Create your farm</h2>
      <Field label="Farm name" required value={f.name} onChange={set('name')} />
      <TextArea label="About the farm" rows={3} value={f.description} onChange={set('description')} />
      <Field label="Street and number" required value={f.line1} onChange={set('line1')} />
      <div className="row">
        <Field label="Postal code" required value={f.postalCode} onChange={set('postalCode')} />
        <Field label="City" required value={f.city} onChange={set('city')} />
      </div>
      <Field
        label="Region (province)"
        required
        value={f.region}
        onChange={set('region')}
        hint="Couriers see shipments of their region, e.g. Gelderland"
      />
      <div className="row">
        <Field label="Latitude" required inputMode="decimal" value={f.lat} onChange={set('lat')} />
        <Field label="Longitude" required inputMode="decimal" value={f.lng} onChange={set('lng')} />
      </div>
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
            <Field label="Certifier" required value={f.certifier} onChange={set('certifier')} />
            <Field label="Certificate number" value={f.certNumber} onChange={set('certNumber')} />
            <Field label="Valid until" type="date" required value={f.certValid} onChange={set('certValid')} />
          </>
        ) : null}
      </fieldset>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        Create farm
      </button>
    </form>
  );
};
