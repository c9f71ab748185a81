import { useState } from 'react';
import type { Address } from '../../api/types';
import { Field } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { DeliveryChoice, type DeliveryInput } from './delivery-choice';

export interface CheckoutDetails {
  address: Address;
  name: string;
  phone: string;
  delivery: DeliveryInput | null;
}

export const CheckoutForm = ({
  defaultName,
  busy,
  error,
  onSubmit,
}: {
  defaultName: string;
  busy: boolean;
  error: unknown;
  onSubmit: (d: CheckoutDetails) => void;
}) => {
  const [d, setD] = useState({
    name: defaultName,
    phone: '',
    line1: '',
    postalCode: '',
    city: '',
    country: 'NL',
  });
  const [delivery, setDelivery] = useState<DeliveryInput | null>(null);
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) =>
    setD({ ...d, [k]: e.target.value });
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          name: d.name.trim(),
          phone: d.phone.trim(),
          delivery,
          address: {
            line1: d.line1.trim(),
            postalCode: d.postalCode.trim(),
            city: d.city.trim(),
            country: d.country.trim().toUpperCase(),
          },
        });
      }}
    >
      <Field label="Name" autoComplete="name" required value={d.name} onChange={set('name')} />
      <Field
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        value={d.phone}
        onChange={set('phone')}
        hint="For the courier, e.g. +31 6 1234 5678"
      />
      <Field
        label="Street and number"
        autoComplete="address-line1"
        required
        value={d.line1}
        onChange={set('line1')}
      />
      <div className="row">
        <Field
          label="Postal code"
          autoComplete="postal-code"
          required
          value={d.postalCode}
          onChange={set('postalCode')}
        />
        <Field label="City" autoComplete="address-level2" required value={d.city} onChange={set('city')} />
      </div>
      <Field
        label="Country code"
        autoComplete="country"
        required
        maxLength={2}
        pattern="[A-Za-z]{2}"
        value={d.country}
        onChange={set('country')}
        hint="Two letters, e.g. NL"
      />
      <DeliveryChoice postalCode={d.postalCode} value={delivery} onChange={setDelivery} />
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? 'Placing order…' : 'Place order'}
      </button>
    </form>
  );
};
