import { useEffect, useState } from 'react';
import { fieldErrors } from '../../api/client';
import { limitOf } from '../../api/limits';
import type { Address } from '../../api/types';
import { Field, limitProps } from '../../components/field';
import { Form, SubmitButton } from '../../components/form';
import { ErrorMessage } from '../../components/states';
import { DeliveryChoice, type DeliveryInput } from './delivery-choice';
import type { RememberedDelivery } from '../../lib/remembered-address';
import { t } from '../../i18n';

export interface CheckoutDetails {
  address: Address;
  name: string;
  phone: string;
  delivery: DeliveryInput | null;
}

const PLACE = 'orders POST /orders' as const;

export const CheckoutForm = ({
  defaultName,
  remembered,
  blocked,
  busy,
  error,
  onSubmit,
  onDeliveryChange,
  farms,
  currency,
}: {
  defaultName: string;
  /** The details this buyer used last time on this browser. */
  remembered?: RememberedDelivery | null;
  /** Why the order cannot be placed yet, when it cannot. */
  blocked?: string | undefined;
  busy: boolean;
  error: unknown;
  onSubmit: (d: CheckoutDetails) => void;
  /** The delivery choice (and, for home delivery, the postal code it depends on) as it changes, for the cart's quote. */
  onDeliveryChange?: (delivery: DeliveryInput | null, postalCode: string) => void;
  /** How many farms' boxes the cart holds (courier delivery is charged per farm). */
  farms: number;
  /** The cart's currency (its listings', one market's): delivery fees are in it. */
  currency: string;
}) => {
  const [d, setD] = useState({
    name: remembered?.name ?? defaultName,
    phone: remembered?.phone ?? '',
    line1: remembered?.address.line1 ?? '',
    postalCode: remembered?.address.postalCode ?? '',
    city: remembered?.address.city ?? '',
    country: remembered?.address.country ?? 'NL',
  });
  const [delivery, setDelivery] = useState<DeliveryInput | null>(null);
  const postalCode = d.postalCode.trim();
  useEffect(() => onDeliveryChange?.(delivery, postalCode), [delivery, postalCode, onDeliveryChange]);
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) =>
    setD({ ...d, [k]: e.target.value });
  const errs = fieldErrors(error);
  /** A field's value and setter, the service's message for it and its limits, by its path in the request. */
  const bind = (k: keyof typeof d, path: Parameters<typeof limitOf<typeof PLACE>>[1]) => ({
    value: d[k],
    onChange: set(k),
    error: errs[path],
    ...limitProps(limitOf(PLACE, path)),
  });
  return (
    <Form
      onSubmit={() =>
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
        })
      }
    >
      <Field
        label={t('profile.name')}
        autoComplete="name"
        required
        {...bind('name', 'contact.name')}
      />
      <Field
        label={t('checkout.phone')}
        type="tel"
        autoComplete="tel"
        hint={t('checkout.phoneHint')}
        {...bind('phone', 'contact.phone')}
      />
      <Field
        label={t('checkout.street')}
        autoComplete="address-line1"
        required
        {...bind('line1', 'deliveryAddress.line1')}
      />
      <div className="row">
        <Field
          label={t('checkout.postalCode')}
          autoComplete="postal-code"
          required
          {...bind('postalCode', 'deliveryAddress.postalCode')}
        />
        <Field
          label={t('checkout.city')}
          autoComplete="address-level2"
          required
          {...bind('city', 'deliveryAddress.city')}
        />
      </div>
      <Field
        label={t('checkout.country')}
        autoComplete="country"
        required
        maxLength={2}
        pattern="[A-Za-z]{2}"
        value={d.country}
        onChange={set('country')}
        hint={t('checkout.countryHint')}
        error={errs['deliveryAddress.country']}
      />
      <DeliveryChoice postalCode={d.postalCode} farms={farms} currency={currency} value={delivery} onChange={setDelivery} />
      {error ? <ErrorMessage error={error} shown={Object.keys(errs)} /> : null}
      {blocked ? <p className="field-error">{blocked}</p> : null}
      <SubmitButton busy={busy} disabled={Boolean(blocked)}>
        {busy ? t('checkout.placing') : t('checkout.place')}
      </SubmitButton>
    </Form>
  );
};
