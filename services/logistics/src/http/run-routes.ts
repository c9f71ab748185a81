import { actingPartner, DomainError, isOperator, mayPartner, type Api } from '@ftt/kit';
import { assertMayClaim } from '../use-cases/admin';
import { assertDropPhoto } from '../use-cases/drop-photos';
import type { Context } from '../use-cases/context';
import type { PartnerStore } from '../use-cases/ports-admin';
import { regionFor } from '../use-cases/acting';
import { claimRun, myRuns, planRuns, recordDrop, recordPickup, runClaimant, runFor, runsOfDay } from '../use-cases/runs';
import { causeOf } from './cause';
import { runSheetPdf } from './run-sheet-pdf';
import { DropBody, MyRunsQuery, PlanBody, RunPage, RunParams, RunSheetPdf, RunsQuery, RunView, StopParams } from './run-schemas';
import { runView } from './run-views';

const tags = ['runs'];

/** Runs (issue #18): plan a delivery day's runs, claim one, scan at each farm, record each drop in order. */
export const runRoutes = (api: Api, ctx: Context, partners: PartnerStore) => {
  api.route({
    method: 'post',
    path: '/runs/plan',
    summary:
      'Group the open boxes of a delivery day in a region into runs with an optimized stop order (one pickup per farm, ' +
      'then the drops). Idempotent: boxes already on a run stay there. For partner managers (and operators).',
    tags,
    auth: ['partner'],
    body: PlanBody,
    response: RunView.array(),
    handler: async ({ principal, body, headers, requestId }) => {
      if (!isOperator(principal)) actingPartner(principal, 'runs.plan', body.region, 'run');
      return (await planRuns(ctx, body.region, body.day, causeOf(headers, requestId))).map((r) =>
        runView(r, 'open'),
      );
    },
  });
  api.route({
    method: 'get',
    path: '/runs',
    summary:
      "The runs of a delivery day in a region (default: the one region your partners serve). Open runs carry no personal data. For members of a logistics partner.",
    tags,
    auth: ['partner'],
    query: RunsQuery,
    response: RunView.array(),
    handler: async ({ principal, query }) => {
      const region = regionFor(principal, query.region, 'run');
      return (await runsOfDay(ctx, region, query.day)).map((r) =>
        runView(r, r.partnerId && mayPartner(principal, r.partnerId, 'shipments.read') ? 'full' : 'open'),
      );
    },
  });
  api.route({
    method: 'get',
    path: '/runs/mine',
    summary: 'The runs the calling partner claimed, newest day first, with cursor paging. For members of a logistics partner.',
    tags,
    auth: ['partner'],
    query: MyRunsQuery,
    response: RunPage,
    handler: async ({ principal, query }) => {
      const page = await myRuns(ctx, principal, query);
      return { items: page.items.map((r) => runView(r, 'full')), nextCursor: page.nextCursor };
    },
  });
  api.route({
    method: 'get',
    path: '/runs/:runId',
    summary:
      'One run: everything for its partner and admins; an open one to any partner without personal data.',
    tags,
    auth: ['partner'],
    params: RunParams,
    response: RunView,
    errors: [403, 404],
    handler: async ({ principal, params }) => {
      const { run, detail } = await runFor(ctx, principal, params.runId);
      return runView(run, detail);
    },
  });
  api.route({
    method: 'get',
    path: '/runs/:runId/sheet.pdf',
    summary: "The printable run sheet (PDF). For the members of the run's partner, and operators.",
    tags,
    auth: ['partner'],
    params: RunParams,
    contentType: 'application/pdf',
    response: RunSheetPdf,
    errors: [403, 404],
    handler: async ({ principal, params }) => {
      const { run, detail } = await runFor(ctx, principal, params.runId);
      if (detail !== 'full') throw new DomainError('run.forbidden', 'claim the run to print its sheet');
      // each box's cold-chain range, for the temperatures the sheet tells the driver to keep
      const boxes = await Promise.all(run.shipmentIds.map((id) => ctx.shipments.get(id)));
      const ranges = new Map(boxes.flatMap((b) => (b ? [[b.shipmentId, b.coldChain] as const] : [])));
      return runSheetPdf(run, ranges);
    },
  });
  api.route({
    method: 'post',
    path: '/runs/:runId/claim',
    summary:
      'Claim an open run and all its boxes; of concurrent claims one wins (409 for the rest). A suspended partner may not claim (403). For members of a logistics partner.',
    tags,
    auth: ['partner'],
    params: RunParams,
    response: RunView,
    errors: [403, 404, 409],
    handler: async ({ principal, params, headers, requestId }) => {
      // The same rule as a single box's claim: a suspended partner may not take work; a claim notes the partner.
      const partnerId = await runClaimant(ctx, principal, params.runId);
      await assertMayClaim(partners, partnerId);
      const run = await claimRun(ctx, partnerId, params.runId, causeOf(headers, requestId));
      await partners.noteClaim(partnerId, principal, run.region, ctx.clock());
      return runView(run, 'full');
    },
  });
  api.route({
    method: 'post',
    path: '/runs/:runId/stops/:seq/pickup',
    summary:
      "The scan at a farm: all that farm's boxes on the run picked up in one step (one picked_up event per box). " +
      "Stops are recorded in order (409 otherwise). The run's partner only.",
    tags,
    auth: ['partner'],
    params: StopParams,
    response: RunView,
    errors: [403, 404, 409, 422],
    handler: async ({ principal, params, headers, requestId }) => {
      // a suspended partner takes no new boxes from a farm (a box's own pickup refuses the same way)
      const run = await ctx.runs.get(params.runId);
      if (run?.partnerId) await assertMayClaim(partners, run.partnerId);
      return runView(
        await recordPickup(ctx, principal, params.runId, params.seq, causeOf(headers, requestId)),
        'full',
      );
    },
  });
  api.route({
    method: 'post',
    path: '/runs/:runId/stops/:seq/drop',
    summary:
      "A drop: every box for this place delivered, with who received it and a proof reference or a photo taken at " +
      "this drop (its buyers see it on their box). In order; the run's partner only.",
    tags,
    auth: ['partner'],
    params: StopParams,
    body: DropBody,
    response: RunView,
    errors: [403, 404, 409, 422],
    handler: async ({ principal, params, body, headers, requestId }) => {
      if (body.photoId) await assertDropPhoto(ctx, body.photoId, params.runId, params.seq);
      const proof = {
        recipientName: body.recipientName,
        proofRef: body.proofRef ?? `photo:${body.photoId}`,
        ...(body.photoId ? { photoId: body.photoId } : {}),
      };
      return runView(
        await recordDrop(ctx, principal, params.runId, params.seq, proof, causeOf(headers, requestId)),
        'full',
      );
    },
  });
};
