import type { Order } from '../../api/types';
import { Price } from '../../components/bits';
import { formatDate, quantityText } from '../../lib/format';

/** One order as an operator helps its buyer with it: what was ordered from which farm, and where it goes. */
export const OrderContents = ({ order: o }: { order: Order }) => {
  const farmName = (farmId: string) => o.farms.find((f) => f.farmId === farmId)?.farmName ?? 'a farm';
  const a = o.dropoff.address;
  return (
    <div className="grid two">
      <section className="card" aria-labelledby="items-h">
        <h2 id="items-h">What was ordered</h2>
        <ul className="plain stack">
          {o.lines.map((l) => (
            <li key={l.listingId} className="spread">
              <span>
                {quantityText(l.quantity, l.unit)} {l.title}
                <br />
                <span className="muted small">
                  {farmName(l.farmId)} · lot <code>{l.lotCode}</code>
                </span>
              </span>
              <Price money={l.lineTotal} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="deliver-h">
        <h2 id="deliver-h">Deliver to</h2>
        <p>
          {o.dropoff.contactName}
          <br />
          {a.line1}
          {a.line2 ? (
            <>
              <br />
              {a.line2}
            </>
          ) : null}
          <br />
          {a.postalCode} {a.city}
          {o.dropoff.phone ? (
            <>
              <br />
              {o.dropoff.phone}
            </>
          ) : null}
        </p>
        {o.delivery ? (
          <p className="small">
            Delivery day {formatDate(o.delivery.day)}
            {o.delivery.drop.kind === 'pickup_point' ? `, at ${o.delivery.drop.name}` : ', to the door'}
          </p>
        ) : (
          <p className="small muted">By courier, each farm's box on its own.</p>
        )}
      </section>
    </div>
  );
};
