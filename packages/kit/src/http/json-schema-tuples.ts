/**
 * zod writes a tuple as `prefixItems` alone, which in JSON Schema 2020-12 still allows any further items and any
 * length: Schemathesis then generates [] or [1, 2, 3] as valid and fails on the 400 that follows. A tuple is closed
 * here (`items: false` unless it has a rest element) and its length is said outright (minItems, and maxItems when
 * closed), which every reader of the document understands.
 */
export const closeTuples = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(closeTuples);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, closeTuples(v)]),
  );
  if (Array.isArray(out.prefixItems)) {
    const n = out.prefixItems.length;
    if (out.items === undefined) {
      out.items = false;
      out.maxItems ??= n;
    }
    out.minItems ??= n;
  }
  return out;
};
