/**
 * URIs for EPCIS, derived from our own ids under one base (config TRACE_ID_BASE). Farms have no GLNs
 * or GTINs here, so these are private-namespace https identifiers; the product class keeps the GS1
 * Digital Link shape for the lot ('/10/<lot>') so a GTIN can be slotted in front once farms have one.
 */
export const traceIds = (base: string) => {
  const root = base.replace(/\/+$/, '');
  const seg = encodeURIComponent;
  return {
    farmLocation: (farmId: string) => `${root}/location/farm/${seg(farmId)}`,
    fieldLocation: (farmId: string, field: string) =>
      `${root}/location/farm/${seg(farmId)}/field/${seg(field)}`,
    farmParty: (farmId: string) => `${root}/party/farm/${seg(farmId)}`,
    /** The buyer is named through their order, so the export carries no personal identifier. */
    buyerParty: (orderId: string) => `${root}/party/order/${seg(orderId)}/buyer`,
    dropoffLocation: (orderId: string) => `${root}/location/order/${seg(orderId)}/dropoff`,
    inTransit: (shipmentId: string) => `${root}/location/shipment/${seg(shipmentId)}`,
    lotClass: (listingId: string, lotCode: string) => `${root}/product/${seg(listingId)}/10/${seg(lotCode)}`,
    /** A temperature logger (EPCIS sensorMetadata.deviceID). */
    device: (deviceId: string) => `${root}/device/${seg(deviceId)}`,
    order: (orderId: string) => `${root}/order/${seg(orderId)}`,
    vocabulary: `${root}/epcis/`,
  };
};
export type TraceIds = ReturnType<typeof traceIds>;
