import { ApiError, currentBearer, request, type Service } from './client';
import type { DeliveryOptions, FarmOrders, Run, RunPage } from './types';
import { saveBlob } from '../lib/save-file';

const id = encodeURIComponent;
const stop = (runId: string, seq: number, action: 'pickup' | 'drop', body?: unknown) =>
  request<Run>('logistics', `/runs/${id(runId)}/stops/${seq}/${action}`, {
    method: 'POST',
    ...(body ? { body } : {}),
  });

/** Delivery days, pickup points and runs (issue #18): the checkout's choices, the farm's day, the partner's run. */
export const delivery = {
  options: (postalCode?: string) =>
    request<DeliveryOptions>('orders', '/delivery/options', { query: { postalCode } }),
  farmDay: (farmId: string, day: string, cursor?: string) =>
    request<FarmOrders>('orders', `/farms/${id(farmId)}/orders`, { query: { day, limit: 100, cursor } }),
  runs: (day: string, region?: string) => request<Run[]>('logistics', '/runs', { query: { day, region } }),
  myRuns: (cursor?: string) => request<RunPage>('logistics', '/runs/mine', { query: { cursor } }),
  run: (runId: string) => request<Run>('logistics', `/runs/${id(runId)}`),
  plan: (region: string, day: string) =>
    request<Run[]>('logistics', '/runs/plan', { method: 'POST', body: { region, day } }),
  claim: (runId: string) => request<Run>('logistics', `/runs/${id(runId)}/claim`, { method: 'POST' }),
  pickup: (runId: string, seq: number) => stop(runId, seq, 'pickup'),
  drop: (runId: string, seq: number, body: { recipientName: string; proofRef?: string; photoId?: string }) =>
    stop(runId, seq, 'drop', body),
};

/** Fetch a PDF with the user's token and hand it to the browser as a file download. */
export const downloadPdf = async (service: Service, path: string, filename: string): Promise<void> => {
  const token = currentBearer();
  const res = await fetch(`/api/${service}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new ApiError(res.status, `the ${filename} could not be made (HTTP ${res.status})`);
  saveBlob(await res.blob(), filename);
};
