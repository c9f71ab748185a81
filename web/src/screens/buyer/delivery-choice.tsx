import { useEffect, useRef, useState } from 'react';
import { delivery } from '../../api/delivery';
import type { DeliveryOptions, PlaceOrderInput } from '../../api/types';
import { SelectField } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { formatDate, formatDay, formatMoney, formatSoon, enumText } from '../../lib/format';
import { t } from '../../i18n';

export type DeliveryInput = NonNullable<PlaceOrderInput['delivery']>;


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
  currency,
  value,
  onChange,
}: {
  postalCode: string;
  /** The currency of the cart's market: fees are minor units of it. */
  currency: string;
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
    const timer = setTimeout(() => {
      delivery.options(code || undefined).then(setOptions, setError);
    }, 250);
    return () => clearTimeout(timer);
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
  if (!options) return <p className="muted small">{t('delivery.loading')}</p>;

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
  const feeText = (amount: number) => (amount === 0 ? t('delivery.free') : formatMoney({ amount, currency }));
  return (
    <fieldset className="stack delivery-choice">
      <legend>{t('delivery.legend')}</legend>
      <label className="choice">
        <input type="radio" name="delivery" checked={value === null} onChange={() => set(null)} />
        <span>
          {t('delivery.courier', {
            fee: feeText(options.courierFeePerFarmMinor),
            farms,
            total: feeText(options.courierFeePerFarmMinor * farms),
          })}
          <br />
          <span className="muted small">{t('delivery.courierNote')}</span>
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
            ? t('delivery.home', { zone: options.homeZone.name, fee: feeText(options.homeZone.feeMinor) })
            : code
              ? t('delivery.noHome', { code })
              : t('delivery.homeEnterCode')}
          <br />
          <span className="muted small">{t('delivery.homeNote')}</span>
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
            <strong>{p.name}</strong>{' '}
            {t('delivery.point', {
              kind: enumText('pickupKind', p.kind),
              city: p.address.city,
              opens: p.opens,
              closes: p.closes,
              fee: feeText(p.feeMinor),
            })}
            <br />
            <span className="muted small">{t('delivery.pointNote')}</span>
          </span>
        </label>
      ))}
      {value && days.length ? (
        <>
          <SelectField
            label={t('delivery.day')}
            value={day}
            onChange={(e) => set({ ...value, day: e.target.value })}
            hint={t('delivery.dayHint', { region: region ?? '' })}
          >
            {days.map((d) => (
              <option key={d.day} value={d.day}>
                {t('delivery.dayOption', { day: formatDay(d.day), cutoff: formatSoon(d.cutoff) })}
              </option>
            ))}
          </SelectField>
          <p className="delivery-summary" role="status">
            {t('delivery.summary', {
              day: day ? formatDate(day) : '',
              pickup: Boolean(point),
              place: point?.name ?? '',
              fee: formatMoney({ amount: fee ?? 0, currency }),
            })}
          </p>
        </>
      ) : null}
    </fieldset>
  );
};
