/**
 * Where things are, without online geocoding: an address's own coordinates when it carries them (farms do), else
 * the centroid of its postcode from a small bundled table per country of the demo markets' districts (nl: the 4 digits
 * of Gelderland's and Utrecht's postcodes; cn: Hangzhou's and Anji's 6-digit postcodes). The centroids are plausible
 * approximations made for the demo, not an official data set.
 */
export interface Point {
  lat: number;
  lng: number;
}

const NL_CENTROIDS: Readonly<Record<string, Point>> = {
  // Utrecht (city and around)
  '3511': { lat: 52.0907, lng: 5.1214 },
  '3512': { lat: 52.0877, lng: 5.1241 },
  '3513': { lat: 52.0955, lng: 5.1195 },
  '3514': { lat: 52.1005, lng: 5.1282 },
  '3521': { lat: 52.0805, lng: 5.1105 },
  '3522': { lat: 52.0745, lng: 5.1305 },
  '3531': { lat: 52.0921, lng: 5.0905 },
  '3541': { lat: 52.1031, lng: 5.0751 },
  '3561': { lat: 52.1095, lng: 5.1401 },
  '3581': { lat: 52.0881, lng: 5.1405 },
  '3584': { lat: 52.0855, lng: 5.1722 },
  '3601': { lat: 52.1402, lng: 5.0355 },
  '3701': { lat: 52.0888, lng: 5.2331 },
  '3811': { lat: 52.1561, lng: 5.3878 },
  '3905': { lat: 52.0251, lng: 5.5561 },
  '3911': { lat: 51.9626, lng: 5.5672 },
  '3431': { lat: 52.0242, lng: 5.0731 },
  '3991': { lat: 52.0285, lng: 5.1681 },
  '3994': { lat: 52.0195, lng: 5.1805 },
  '3451': { lat: 52.0808, lng: 5.0188 },
  // Gelderland: Wageningen, Ede, Bennekom, Renkum, Arnhem, Nijmegen, Veenendaal, Barneveld, Tiel
  '6701': { lat: 51.9712, lng: 5.6628 },
  '6702': { lat: 51.9741, lng: 5.6489 },
  '6703': { lat: 51.9648, lng: 5.6795 },
  '6704': { lat: 51.9802, lng: 5.6895 },
  '6708': { lat: 51.9855, lng: 5.6555 },
  '6711': { lat: 52.0395, lng: 5.6578 },
  '6712': { lat: 52.0485, lng: 5.6712 },
  '6713': { lat: 52.0312, lng: 5.6505 },
  '6715': { lat: 52.0215, lng: 5.6805 },
  '6717': { lat: 52.0511, lng: 5.6255 },
  '6721': { lat: 52.0005, lng: 5.6621 },
  '6741': { lat: 52.0752, lng: 5.5701 },
  '6771': { lat: 52.1001, lng: 5.6505 },
  '6811': { lat: 51.9824, lng: 5.9041 },
  '6812': { lat: 51.9871, lng: 5.8955 },
  '6822': { lat: 51.9908, lng: 5.9301 },
  '6828': { lat: 51.9795, lng: 5.9405 },
  '6836': { lat: 51.9505, lng: 5.8855 },
  '6846': { lat: 51.9602, lng: 5.8505 },
  '6861': { lat: 51.9901, lng: 5.7621 },
  '6871': { lat: 51.9785, lng: 5.7301 },
  '6511': { lat: 51.8442, lng: 5.8628 },
  '6512': { lat: 51.8381, lng: 5.8552 },
  '6521': { lat: 51.8458, lng: 5.8745 },
  '6541': { lat: 51.8451, lng: 5.8201 },
  '3771': { lat: 52.1404, lng: 5.5851 },
  '4001': { lat: 51.8868, lng: 5.4285 },
};

const CN_CENTROIDS: Readonly<Record<string, Point>> = {
  // 杭州市: 上城区, 西湖区 (文二西路, 西溪, 三墩), 滨江区, 余杭区 (临平, 良渚, 闲林)
  '310000': { lat: 30.2503, lng: 120.1689 },
  '310012': { lat: 30.2741, lng: 120.1285 },
  '310013': { lat: 30.2799, lng: 120.1064 },
  '310030': { lat: 30.3157, lng: 120.0942 },
  '310051': { lat: 30.2085, lng: 120.2126 },
  '310052': { lat: 30.1972, lng: 120.1886 },
  '310053': { lat: 30.1845, lng: 120.2164 },
  '311100': { lat: 30.4199, lng: 120.3009 },
  '311113': { lat: 30.3723, lng: 120.0389 },
  '311121': { lat: 30.2547, lng: 119.9953 },
  // 湖州市安吉县: 递铺, 溪龙
  '313300': { lat: 30.638, lng: 119.681 },
  '313301': { lat: 30.6105, lng: 119.7002 },
};

/** Per country (an address's ISO 3166 code), keyed by the digits its postcodes lead with. */
const CENTROIDS: Readonly<Record<string, Readonly<Record<string, Point>>>> = { NL: NL_CENTROIDS, CN: CN_CENTROIDS };

/** The digits a postcode leads with, before its letters ('6711 AB' -> '6711', '310013' -> '310013'), or null. */
export const postcodeDigits = (postalCode: string): string | null => {
  const m = /^\s*(\d{4,6})\s*[A-Za-z]{0,2}\s*$/.exec(postalCode);
  return m ? m[1]! : null;
};

export const centroidOf = (postalCode: string, country = 'NL'): Point | null => {
  const digits = postcodeDigits(postalCode);
  return digits ? (CENTROIDS[country]?.[digits] ?? null) : null;
};

/** The address's own coordinates first, then its postcode's centroid; null when neither is known. */
export const locate = (address: { postalCode: string; country?: string | undefined; geo?: Point | undefined }): Point | null =>
  address.geo ? { lat: address.geo.lat, lng: address.geo.lng } : centroidOf(address.postalCode, address.country);

/** Great-circle distance in kilometres (haversine; good enough for a region-sized route sketch). */
export const distanceKm = (a: Point, b: Point): number => {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
};
