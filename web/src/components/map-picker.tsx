import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useId, useRef, useState } from 'react';
import { centroidOf } from '../../../services/logistics/src/domain/runs/geo';
import { formatGeo } from '../lib/format';
import { TILE_ATTRIBUTION, tileUrl } from '../lib/map-tiles';
import { Field } from './field';
import { t } from '../i18n';

export interface LatLng {
  lat: number;
  lng: number;
}

/** The Netherlands as a whole: where the map opens while no place is chosen. */
const COUNTRY = { center: { lat: 52.15, lng: 5.4 }, zoom: 7 };
const PLACE_ZOOM = 14;
const round = (n: number) => Math.round(n * 1e5) / 1e5;

/** A typed coordinate in words for people when it is not one (the form's own message, never the browser's). */
const coordinateProblem = (text: string, max: number, what: string): string | null => {
  const example = max === 90 ? '52.04' : '5.66';
  const kind = max === 90 ? 'lat' : 'lng';
  void what;
  if (text.trim() === '') return t('map.type', { kind, example });
  const n = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(n)) return t('map.number', { kind, example });
  if (Math.abs(n) > max) return t('map.range', { kind, max });
  return null;
};

/**
 * Where a place is, picked on a map (Leaflet): click the map or drag the pin; type the coordinates; or take the
 * position of the address's postcode from the table logistics routes by (there is no online geocoder). Without map
 * tiles (VITE_MAP_TILE_URL=off, as in the browser tests) the map shows only the pin, and the picker says so.
 */
export const MapPicker = ({
  legend,
  value,
  onChange,
  postalCode,
  error,
}: {
  legend: string;
  value: LatLng | null;
  onChange: (v: LatLng | null) => void;
  postalCode: string;
  error?: string | undefined;
}) => {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pin = useRef<L.Marker | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  const [lat, setLat] = useState(value ? String(value.lat) : '');
  const [lng, setLng] = useState(value ? String(value.lng) : '');
  const [typed, setTyped] = useState(false);
  const [postcodeNote, setPostcodeNote] = useState<string | null>(null);

  // a place chosen on the map stays where the person put it; one from the postcode or typed is brought into view
  const onMap = useRef(false);
  const place = (v: LatLng) => {
    onMap.current = true;
    setTyped(false);
    change.current({ lat: round(v.lat), lng: round(v.lng) });
  };

  // the map, once: Leaflet owns its box; the pin follows `value` below
  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { attributionControl: true, scrollWheelZoom: false, zoomControl: false });
    // Leaflet's own buttons, titled in the person's language
    L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(m);
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: TILE_ATTRIBUTION }).addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => place(e.latlng));
    map.current = m;
    // a map laid out while hidden (a closed <details>) has no size: measure again when it shows or resizes
    const seen = new ResizeObserver(() => m.invalidateSize());
    seen.observe(box.current);
    return () => {
      seen.disconnect();
      m.remove();
      map.current = null;
      pin.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!value) {
      pin.current?.remove();
      pin.current = null;
      m.setView(COUNTRY.center, COUNTRY.zoom, { animate: false });
      return;
    }
    if (!pin.current) {
      pin.current = L.marker(value, {
        draggable: true,
        keyboard: false,
        icon: L.divIcon({
          className: 'map-pin',
          html: '<span></span>',
          iconSize: [28, 28],
          iconAnchor: [14, 28],
        }),
      }).addTo(m);
      pin.current.on('dragend', () => place(pin.current!.getLatLng()));
    } else pin.current.setLatLng(value);
    if (!onMap.current) m.setView(value, Math.max(m.getZoom() || 0, PLACE_ZOOM), { animate: false });
    onMap.current = false;
    if (!typed) {
      setLat(String(value.lat));
      setLng(String(value.lng));
    }
  }, [value?.lat, value?.lng]);

  const latProblem = typed ? coordinateProblem(lat, 90, 'latitude') : null;
  const lngProblem = typed ? coordinateProblem(lng, 180, 'longitude') : null;
  const fromTyped = (la: string, ln: string) => {
    setTyped(true);
    if (!coordinateProblem(la, 90, 'latitude') && !coordinateProblem(ln, 180, 'longitude'))
      change.current({ lat: Number(la.replace(',', '.')), lng: Number(ln.replace(',', '.')) });
  };
  const fromPostcode = () => {
    const at = centroidOf(postalCode);
    setTyped(false);
    if (!at) {
      setPostcodeNote(
        postalCode.trim()
          ? t('map.unknownPostcode', { code: postalCode.trim() })
          : t('map.postcodeFirst'),
      );
      return;
    }
    setPostcodeNote(
      t('map.postcodeMiddle', { area: postalCode.trim().slice(0, 4) }),
    );
    change.current(at);
  };

  return (
    <fieldset className="map-picker" aria-describedby={`${id}-how${error ? ` ${id}-error` : ''}`}>
      <legend>{legend}</legend>
      <p id={`${id}-how`} className="hint small">
        {t('map.howTo')}{' '}
        {tileUrl
          ? t('map.attribution')
          : t('map.noTiles')}
      </p>
      <div
        ref={box}
        className="map-box"
        role="application"
        aria-label={t('map.aria', { legend: legend.toLowerCase() })}
      />
      <p role="status" className="small">
        {value ? t('map.pinAt', { place: formatGeo(value) }) : t('map.none')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error small">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="button secondary" onClick={fromPostcode}>
          {t('map.usePostcode')}
        </button>
      </div>
      {postcodeNote ? <p className="small muted">{postcodeNote}</p> : null}
      <details className="map-typed" open={typed || undefined}>
        <summary>{t('map.typeCoordinates')}</summary>
        <div className="row">
          <Field
            label={t('map.latitude')}
            inputMode="decimal"
            value={lat}
            error={latProblem ?? undefined}
            onChange={(e) => {
              setLat(e.target.value);
              fromTyped(e.target.value, lng);
            }}
          />
          <Field
            label={t('map.longitude')}
            inputMode="decimal"
            value={lng}
            error={lngProblem ?? undefined}
            onChange={(e) => {
              setLng(e.target.value);
              fromTyped(lat, e.target.value);
            }}
          />
        </div>
      </details>
    </fieldset>
  );
};
