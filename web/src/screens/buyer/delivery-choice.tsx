import { useEffect, useRef, useState } from 'react';
import { delivery } from '../../api/delivery';
import type { DeliveryOptions, PlaceOrderInput } from '../../api/types';
import { SelectField } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { formatDate, formatDay, formatMoney, formatSoon, humanize } from '../../lib/format';

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
 * Each choice says what it means and what it costs for this cart; until the buyer picks one, the cheaper way to the
 * door is chosen (the zone's delivery day when the postcode has one), never the dearer one.
 */
export const DeliveryChoice = ({
  postalCode,
  farms,
  value,
  onChange,
}: {
  postalCode: string;
  /** How many farms' boxes the cart holds: courier delivery is charged per farm. */
  farms: number;
  value: DeliveryInput | null;
  onChange: (v: DeliveryInput | null) => void;
}) => {
  const [options, setOptions] = useState<DeliveryOptions | null>(null);
  const [error, setError] = useState<unknown>(null);
  const chosenByBuyer = useRef(false);
  const code = /^\s*\d{4}/.test(postalCode) ? postalCode.trim() : '';
  useEffect(() => {
    const t = setTimeout(() => {
      delivery.options(code || undefined).then(setOptions, setError);
    }, 250);
    return () => clearTimeout(t);
  }, [code]);
  const zoneFee = options?.homeZone?.feeMinor;
  const courierFee = options ? options.courierFeePerFarmMinor * farms : undefined;
  useEffect(() => {
    if (chosenByBuyer.current || courierFee === undefined) return;
    const homeIsCheaper = zoneFee !== undefined && zoneFee <= courierFee;
    if (homeIsCheaper && value === null) onChange({ method: 'home' });
    if (!homeIsCheaper && value?.method === 'home') onChange(null);
  }, [zoneFee, courierFee, value, onChange]);
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
  const set = (v: DeliveryInput | null) => {
    chosenByBuyer.current = true;
    onChange(v);
  };
  const eur = (amount: number) => (amount === 0 ? 'free' : formatMoney({ amount, currency: 'EUR' }));
  return (
    <fieldset className="stack delivery-choice">
      <legend>How do you get your box?</legend>
      <label className="choice">
        <input type="radio" name="delivery" checked={value === null} onChange={() => set(null)} />
        <span>
          Courier to my address, no fixed day: {eur(options.courierFeePerFarmMinor)} per farm
          {farms > 1 ? ` (${eur(options.courierFeePerFarmMinor * farms)} for your ${farms} farms)` : ''}
          <br />
          <span className="muted small">Each farm sends its own box as soon as it is packed.</span>
        </span>
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
            ? `Home delivery in ${options.homeZone.name}: ${eur(options.homeZone.feeMinor)} for the whole order`
            : code
              ? `No home delivery day to ${code}: choose a pickup point`
              : 'Home delivery on a delivery day (enter your postal code)'}
          <br />
          <span className="muted small">
            Every farm&rsquo;s box comes together, on the delivery day you choose.
          </span>
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
            {p.closes} · {eur(p.feeMinor)}
            <br />
            <span className="muted small">Collect every box there on the delivery day you choose.</span>
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
                {formatDay(d.day)} · order by {formatSoon(d.cutoff)}
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
