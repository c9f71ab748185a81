/**
 * zod writes a tuple as `prefixItems` alone, which in JSON Schema 2020-12 still allows any further items and any
 * length: Schemathesis then generates [] or [1, 2, 3] as valid and fails on the 400 that follows. A tuple is closed
 * here (`items: false` unless it has a rest element) and its length is said outright (minItems, and maxItems when
 * closed), which every reader of the document understands.
 *
 * In a response, a closed tuple whose places are all alike ([from, to]) is written as the array it equally is
 * (`items` + minItems = maxItems): Schemathesis (4.32) rewrites `prefixItems` to draft 7's `items: [...]` before
 * checking a response and then refuses its own rewrite as an invalid 3.1 schema.
 */
export const closeTuples = (value: unknown, io: 'input' | 'output' = 'input'): unknown => {
  if (Array.isArray(value)) return value.map((v) => closeTuples(v, io));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, closeTuples(v, io)]),
  );
  if (!Array.isArray(out.prefixItems)) return out;
  const places = out.prefixItems as unknown[];
  const n = places.length;
  if (out.items === undefined) {
    const alike = n > 0 && places.every((p) => JSON.stringify(p) === JSON.stringify(places[0]));
    if (io === 'output' && alike) {
      const { prefixItems: _p, ...rest } = out;
      return { ...rest, items: places[0], minItems: n, maxItems: n };
    }
    out.items = false;
    out.maxItems ??= n;
  }
  out.minItems ??= n;
  return out;
};
