/**
 * The shop's first page of listings in the HTML of `/` (issue #31: the first screen on slow 3G). On a connection that
 * adds two seconds to every request, the page, then its scripts, then the listings call were three round trips before
 * the first listing card; with the listings in the page, the app has them when its scripts run.
 *
 * The listings go in a `<script type="application/json">` block, a data block no browser runs (so the
 * Content-Security-Policy, which allows no inline script, holds), escaped so that nothing in a listing (a title
 * `</script><script>…`) can end the block: `<`, `>`, `&` and the two JavaScript line separators are written as
 * \u escapes, which JSON.parse reads back as the same characters. The app (src/api/inlined.ts) uses the block for the
 * one GET it answers, once.
 */

/** What the shop asks first (screens/buyer/browse.tsx with no filter: in stock, newest, 24), as the browser asks it. */
export const FIRST_LISTINGS = '/listings?inStock=true&sort=newest&limit=24';
export const INLINED_ID = 'ftt-inlined';

/** JSON that can stand inside an HTML <script> element: no `<`, `>` or `&` as such, no U+2028/U+2029. */
export const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** index.html with a data block answering `path` (the app's /api/... address) with `body`. */
export const withInlined = (html: string, path: string, body: unknown): string =>
  html.replace(
    '</body>',
    `<script type="application/json" id="${INLINED_ID}">${scriptSafeJson({ path, body })}</script></body>`,
  );

export interface FirstListingsOptions {
  catalogUrl: URL;
  /** How long the page waits for catalog before it goes without the listings (the app then asks catalog itself). */
  timeoutMs?: number;
}

/**
 * The first page of listings from catalog's public API, asked for each page of the shop: the same query the browser
 * would make next, made instead of it, so no cache (a listing published a moment ago is on the page, as the browser
 * tests expect), and never holding the HTML up for long: when catalog is slow or down the page goes without it.
 */
export const firstListings = (o: FirstListingsOptions) => async (): Promise<unknown> => {
  try {
    const res = await fetch(new URL(FIRST_LISTINGS.slice(1), withSlash(o.catalogUrl)), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 1_000),
    });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
};

const withSlash = (u: URL) => (u.href.endsWith('/') ? u : new URL(`${u.href}/`));
