import type { Money, Order } from '../../api/types';
import { PriceCell, ShareBar } from '../../components/bits';

/** One row of the split (a farm's, or the total): its goods, what the farmer receives, delivery, fee and share. */
const SplitRow = ({
  name,
  amounts,
  share,
}: {
  name: string;
  amounts: [Money, Money, Money, Money];
  share: number;
}) => (
  <tr>
    <th scope="row">{name}</th>
    {amounts.map((money, i) => (
      <PriceCell key={i} money={money} />
    ))}
    <td>{share.toFixed(1)}%</td>
  </tr>
);

/** Where the buyer's money goes: per farm, what the farmer receives, delivery and the platform fee. */
export const ValueSplit = ({ split }: { split: Order['valueSplit'] }) => (
  <section className="card" aria-labelledby="split-h">
    <h2 id="split-h">Where your money goes</h2>
    <ShareBar percent={split.farmShareOfProducePercent} label="Share of the price that goes to the farmers" />
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Value split per farm</caption>
        <thead>
          <tr>
            <th scope="col">Farm</th>
            <th scope="col">Produce</th>
            <th scope="col">Farmer receives</th>
            <th scope="col">Delivery</th>
            <th scope="col">Platform fee</th>
            <th scope="col">Farmer share</th>
          </tr>
        </thead>
        <tbody>
          {split.farms.map((f) => (
            <SplitRow
              key={f.farmId}
              name={f.farmName}
              amounts={[f.goods, f.farmerReceives, f.logisticsCost, f.platformFee]}
              share={f.farmShareOfProducePercent}
            />
          ))}
        </tbody>
        <tfoot>
          <SplitRow
            name="Total"
            amounts={[split.goodsTotal, split.farmersReceive, split.logisticsTotal, split.platformFeeTotal]}
            share={split.farmShareOfProducePercent}
          />
        </tfoot>
      </table>
    </div>
  </section>
);
