/**
 * A GET the web server answered inside the page (web/server/first-page.ts: the shop's first page of listings in the
 * HTML of `/`): a `<script type="application/json">` data block, read once. The first request for that address
 * takes it instead of asking the service, within the first half minute of the page; any other goes to the service.
 */
const ID = 'ftt-inlined';
const FRESH_MS = 30_000;

let inlined: { path: string; body: unknown } | null | undefined;

const read = (): { path: string; body: unknown } | null => {
  const el = document.getElementById(ID);
  el?.remove();
  try {
    const v = JSON.parse(el?.textContent ?? 'null') as { path?: unknown; body?: unknown } | null;
    return v && typeof v.path === 'string' ? { path: v.path, body: v.body } : null;
  } catch {
    return null;
  }
};

/** The body the page holds for this address (`/api/catalog/listings?...`), once; undefined when it holds none. */
export const takeInlined = (path: string): unknown => {
  if (inlined === undefined) inlined = read();
  if (!inlined || inlined.path !== path || performance.now() > FRESH_MS) return undefined;
  const { body } = inlined;
  inlined = null;
  return body;
};
