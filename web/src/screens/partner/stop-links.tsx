import { t } from '../../i18n';

/** Where a stop is, for the phone's maps app: a geo: URI (Android and most map apps) and an OpenStreetMap link. */
export interface Place {
  at: { lat: number; lng: number };
  label: string;
}

const fixed = (n: number) => n.toFixed(6).replace(/\.?0+$/, '');

/** RFC 5870 geo URI with the label as the query the maps app shows (`geo:52.04,5.66?q=52.04,5.66(De Hof)`). */
export const geoUri = ({ at, label }: Place): string => {
  const ll = `${fixed(at.lat)},${fixed(at.lng)}`;
  return `geo:${ll}?q=${encodeURIComponent(`${ll}(${label})`)}`;
};

/** The place on openstreetmap.org with a marker, zoomed to street level (opens in the browser or its app). */
export const osmUrl = ({ at }: Place): string => {
  const [lat, lng] = [fixed(at.lat), fixed(at.lng)];
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`;
};

/** The two ways to navigate to a stop; nothing is fetched from a map service until the partner taps one. */
export const StopLinks = ({ stop, name }: { stop: Place; name: string }) => (
  <span className="stop-links">
    <a href={geoUri(stop)} aria-label={t('stopLinks.navigateAria', { name })}>
      {t('stopLinks.navigate')}
    </a>
    <a
      href={osmUrl(stop)}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('stopLinks.osmAria', { name })}
    >
      OpenStreetMap
    </a>
  </span>
);
