import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { boxTrace, farmBoxLabels, type BoxTrace } from '../use-cases/box-labels';
import { BoxKeyParams, BoxLabelsPdf, BoxLabelsQuery, BoxTraceView, FarmDayParams } from './box-label-schemas';
import { boxLabelsPdf } from './box-labels-pdf';
import { sheetDay } from './run-sheet-pdf';
import { trackingView } from './views';

/** What the public sees of a box: its lots, journey and temperatures; nothing about the buyer, the order or the partner. */
const boxTraceView = ({ shipment: s, line, lots, curve }: BoxTrace) => {
  const { shipmentId: _id, ...temperatures } = curve;
  return {
    serial: s.trackingCode,
    status: s.status,
    farmName: s.farmName,
    scanned: { listingId: line.listingId, title: line.title, lotCode: line.lotCode },
    contents: s.lines.map((l) => {
      const lot = lots.get(l.lotCode);
      return {
        listingId: l.listingId,
        title: l.title,
        quantity: l.quantity,
        unit: l.unit,
        lotCode: l.lotCode,
        ...(lot ? { field: lot.field, harvestDate: lot.harvestDate } : {}),
        ...(lot?.bestBefore ? { bestBefore: lot.bestBefore } : {}),
      };
    }),
    coldChain: s.coldChain,
    carried: s.partnerId !== null,
    temperatureExcursion: s.excursions.length > 0,
    steps: trackingView(s).steps,
    temperatures,
  };
};

/** Box labels with a QR code (issue #33): the farm prints them; anyone holding the box opens its public trace. */
export const boxLabelRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/farms/:farmId/box-labels.pdf',
    summary:
      "A farm's box labels for one delivery day, as a PDF: per box the pickup point or the buyer's first name, the day, " +
      'the contents with their lots, the cold-chain range and a QR code with the GS1 Digital Link style address of its ' +
      "public trace (`<APP_URL>/01/<product>/10/<lot>/21/<serial>`). For the farm's members who pack (owner, packer).",
    tags: ['labels'],
    auth: ['farm'],
    params: FarmDayParams,
    query: BoxLabelsQuery,
    contentType: 'application/pdf',
    response: BoxLabelsPdf,
    errors: [403],
    handler: async ({ principal, params, query }) => {
      const labels = await farmBoxLabels(ctx, principal, params.farmId, query.day);
      return boxLabelsPdf(labels, query.format, `Box labels ${sheetDay(query.day)}`);
    },
  });
  api.route({
    method: 'get',
    path: '/boxes/01/:product/10/:lot/21/:serial',
    summary:
      "Public: the trace of one box by its label's keys (product, lot, serial): its lots' field and harvest, the " +
      'journey and the temperature curve. No sign-in and nothing personal. 404 when no box has that product, lot and serial.',
    tags: ['labels', 'tracking'],
    auth: 'public',
    params: BoxKeyParams,
    response: BoxTraceView,
    errors: [404],
    handler: async ({ params }) => boxTraceView(await boxTrace(ctx, params)),
  });
};
