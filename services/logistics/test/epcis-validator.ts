/**
 * Checks written from the EPCIS 2.0 standard (GS1, 2022) sections 7-8 and its JSON schema: the
 * document-level fields and, per event, the fields every ObjectEvent must have and their formats.
 * Returns the list of violations (empty = valid).
 */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];
// CBV 2.0 business steps and dispositions (bare terms); full URIs are checked for shape only.
const BIZ_STEPS =
  'accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting installing killing loading other packing picking receiving removing repackaging repairing replacing reserving retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting unloading unpacking void_shipping'.split(
    ' ',
  );
const DISPOSITIONS =
  'active available completeness_inferred completeness_verified conformant container_closed container_open damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_extra_product mismatch_incorrect_product mismatch_missing_product needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable unknown'.split(
    ' ',
  );
const SDT = ['owning_party', 'possessing_party', 'location'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const cbv = (v: unknown, terms: string[]) =>
  typeof v === 'string' &&
  (terms.includes(v) || /^https:\/\/ref\.gs1\.org\/cbv\/|^urn:epcglobal:cbv:/.test(v));

export const validateEpcisDocument = (doc: unknown): string[] => {
  const errors: string[] = [];
  if (!isObj(doc)) return ['document is not an object'];
  const ctx = doc['@context'];
  const contexts = Array.isArray(ctx) ? ctx : [ctx];
  if (!contexts.includes(EPCIS_CONTEXT)) errors.push('@context must include the EPCIS 2.0 context');
  if (doc.type !== 'EPCISDocument') errors.push('type must be EPCISDocument');
  if (doc.schemaVersion !== '2.0') errors.push("schemaVersion must be '2.0'");
  if (typeof doc.creationDate !== 'string' || !ISO_WITH_OFFSET.test(doc.creationDate))
    errors.push('creationDate must be ISO 8601 with offset');
  const body = doc.epcisBody;
  const list = isObj(body) ? body.eventList : undefined;
  if (!Array.isArray(list)) return [...errors, 'epcisBody.eventList must be an array'];
  list.forEach((e, i) => {
    const at = `event[${i}]`;
    if (!isObj(e)) return errors.push(`${at} is not an object`);
    if (!EVENT_TYPES.includes(String(e.type))) errors.push(`${at}.type`);
    if (
      typeof e.eventTime !== 'string' ||
      !ISO_WITH_OFFSET.test(e.eventTime) ||
      Number.isNaN(Date.parse(e.eventTime))
    )
      errors.push(`${at}.eventTime`);
    if (typeof e.eventTimeZoneOffset !== 'string' || !OFFSET.test(e.eventTimeZoneOffset))
      errors.push(`${at}.eventTimeZoneOffset`);
    if (!['ADD', 'OBSERVE', 'DELETE'].includes(String(e.action))) errors.push(`${at}.action`);
    const epcs = Array.isArray(e.epcList) ? e.epcList : [];
    const qty = Array.isArray(e.quantityList) ? e.quantityList : [];
    if (epcs.length + qty.length === 0) errors.push(`${at} needs epcList or quantityList`);
    qty.forEach((q, j) => {
      if (!isObj(q) || typeof q.epcClass !== 'string' || !URI.test(q.epcClass))
        errors.push(`${at}.quantityList[${j}].epcClass`);
      else if (typeof q.quantity !== 'number' || q.quantity < 0)
        errors.push(`${at}.quantityList[${j}].quantity`);
      else if (q.uom !== undefined && !/^[A-Z0-9]{2,3}$/.test(String(q.uom)))
        errors.push(`${at}.quantityList[${j}].uom`);
    });
    if (e.bizStep !== undefined && !cbv(e.bizStep, BIZ_STEPS)) errors.push(`${at}.bizStep`);
    if (e.disposition !== undefined && !cbv(e.disposition, DISPOSITIONS)) errors.push(`${at}.disposition`);
    for (const k of ['readPoint', 'bizLocation']) {
      const v = e[k];
      if (v !== undefined && !(isObj(v) && typeof v.id === 'string' && URI.test(v.id)))
        errors.push(`${at}.${k}.id`);
    }
    for (const [k, field] of [
      ['sourceList', 'source'],
      ['destinationList', 'destination'],
    ] as const) {
      const v = e[k];
      if (v === undefined) continue;
      if (!Array.isArray(v)) errors.push(`${at}.${k}`);
      else
        v.forEach((x, j) => {
          if (!isObj(x) || !cbv(x.type, SDT) || typeof x[field] !== 'string' || !URI.test(String(x[field])))
            errors.push(`${at}.${k}[${j}]`);
        });
    }
    // ILMD describes a lot at its birth: only on ADD commissioning events.
    if (e.ilmd !== undefined && !(e.action === 'ADD' && String(e.bizStep).endsWith('commissioning')))
      errors.push(`${at}.ilmd only on commissioning`);
  });
  return errors;
};
