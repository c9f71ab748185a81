/**
 * The map picker's tile source. Production shows OpenStreetMap's standard tiles; `VITE_MAP_TILE_URL` at build time
 * names another ({z}/{x}/{y} template), and `off` shows none: the browser suites build with `off`, since no tile
 * server is reachable there (the picker then works by clicking or dragging the pin, typed coordinates or the
 * postcode's position, and says so).
 */
const configured = (import.meta.env.VITE_MAP_TILE_URL as string | undefined)?.trim();

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const tileUrl: string | null = configured === 'off' ? null : configured || OSM_TILES;
export const TILE_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
