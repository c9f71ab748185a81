import { useEffect, useState } from 'react';
import { delivery } from '../../api/delivery';
import type { DeliveryOptions, PlaceOrderInput } from '../../api/types';
import { SelectField } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { formatDate, formatDateTime, formatMoney, humanize } from '../../lib/format';

export type DeliveryInput = NonNullable<PlaceOrderInput['delivery']>;

const KIND: Record<string, string> = {
  farm_shop: 'Farm shop',
  market_stall: 'Market stall',
  locker: 'Locker',
};

/**
 * The checkout's delivery choice: a pickup point (farm shop, market stall, locker; opening hours, fee) or home
 * delivery in the zone of the postcode, and a delivery day of that region with its order cut-off. The fee and the
 * day are shown before the order is placed; orders decides them again when it is placed (the cut-off may pass).
 */
export const DeliveryChoice = ({
  postalCode,
  value,
  onChange,
}: {
  postalCode: string;
  value: DeliveryInput | null;
  onChange: (v: DeliveryInput | null) => void;
}) => {
  const [options, setOptions] = useState<DeliveryOptions | null>(null);
  const [error, setError] = useState<unknown>(null);
  const code = /^\s*\d{4}/.test(postalCode) ? postalCode.trim() : '';
  useEffect(() => {
    const t = setTimeout(() => {
      delivery.options(code || undefined).then(setOptions, setError);
    }, 250);
    return () => clearTimeout(t);
  }, [code]);
  if (error) return <ErrorMessage error={error} />;
  if (!options) return <p className="muted small">Loading delivery options…</p>;

  const point =
    value?.method === 'pickup_point'
      ? options.pickupPoints.find((p) => p.pickupPointId === value.pickupPointId)
      : undefined;
  const region = value?.method === 'home' ? options.homeZone?.region : point?.region;
  const days = options.regions.find((r) => r.region === region)?.days ?? [];
  const fee = value?.method === 'home' ? options.homeZone?.feeMinor : point?.feeMinor;
  const day = value?.day ?? days[0]?.day;
  const set = (v: DeliveryInput | null) => onChange(v);
  return (
    <fieldset className="stack delivery-choice">
      <legend>How do you get your box?</legend>
      <label className="choice">
        <input type="radio" name="delivery" checked={value === null} onChange={() => set(null)} />
        <span>Deliver to my address (delivery fee per farm, no fixed day)</span>
      </label>
      <label className="choice">
        <input
          type="radio"
          name="delivery"
          disabled={!options.homeZone}
          checked={value?.method === 'home'}
          onChange={() => set({ method: 'home' })}
        />
        <span>
          {options.homeZone
            ? `Home delivery in ${options.homeZone.name}: ${formatMoney({ amount: options.homeZone.feeMinor, currency: 'EUR' })}`
            : code
              ? `No home delivery day to ${code}: choose a pickup point`
              : 'Home delivery on a delivery day (enter your postal code)'}
        </span>
      </label>
      {options.pickupPoints.map((p) => (
        <label key={p.pickupPointId} className="choice">
          <input
            type="radio"
            name="delivery"
            checked={value?.method === 'pickup_point' && value.pickupPointId === p.pickupPointId}
            onChange={() => set({ method: 'pickup_point', pickupPointId: p.pickupPointId })}
          />
          <span>
            <strong>{p.name}</strong> ({KIND[p.kind] ?? humanize(p.kind)}, {p.address.city}) · open {p.opens}–
            {p.closes} · {p.feeMinor === 0 ? 'free' : formatMoney({ amount: p.feeMinor, currency: 'EUR' })}
          </span>
        </label>
      ))}
      {value && days.length ? (
        <>
          <SelectField
            label="Delivery day"
            value={day}
            onChange={(e) => set({ ...value, day: e.target.value })}
            hint={`Orders close at the cut-off; after it the order goes to the next delivery day (${region}).`}
          >
            {days.map((d) => (
              <option key={d.day} value={d.day}>
                {formatDate(d.day)} — order by {formatDateTime(d.cutoff)}
              </option>
            ))}
          </SelectField>
          <p className="delivery-summary" role="status">
            Delivery {day ? formatDate(day) : ''}
            {point ? ` at ${point.name}` : ' to your door'} · fee{' '}
            {formatMoney({ amount: fee ?? 0, currency: 'EUR' })}
          </p>
        </>
      ) : null}
    </fieldset>
  );
};
