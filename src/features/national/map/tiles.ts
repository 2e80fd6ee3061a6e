// The 43 police force areas as an equal-area tile map: one square each, placed to keep each
// area roughly where it lies and beside its neighbours (north at the top, Wales on the left),
// so the Metropolitan Police area weighs no more than Dyfed-Powys. Column 0 is the west.

export interface Tile {
  col: number;
  row: number;
  /** Three letters shown on the tile; the area's name is in its label and the table. */
  abbr: string;
}

export const TILES: Record<string, Tile> = {
  northumbria: { col: 5, row: 0, abbr: 'NUM' },
  cumbria: { col: 4, row: 1, abbr: 'CUM' },
  durham: { col: 5, row: 1, abbr: 'DUR' },
  cleveland: { col: 6, row: 1, abbr: 'CLE' },
  lancashire: { col: 4, row: 2, abbr: 'LAN' },
  'north-yorkshire': { col: 5, row: 2, abbr: 'NYO' },
  humberside: { col: 6, row: 2, abbr: 'HUM' },
  merseyside: { col: 3, row: 3, abbr: 'MER' },
  'greater-manchester': { col: 4, row: 3, abbr: 'GMP' },
  'west-yorkshire': { col: 5, row: 3, abbr: 'WYO' },
  'south-yorkshire': { col: 6, row: 3, abbr: 'SYO' },
  'north-wales': { col: 2, row: 4, abbr: 'NWA' },
  cheshire: { col: 3, row: 4, abbr: 'CHE' },
  derbyshire: { col: 4, row: 4, abbr: 'DER' },
  nottinghamshire: { col: 5, row: 4, abbr: 'NOT' },
  lincolnshire: { col: 6, row: 4, abbr: 'LIN' },
  'dyfed-powys': { col: 2, row: 5, abbr: 'DYP' },
  staffordshire: { col: 3, row: 5, abbr: 'STA' },
  'west-midlands': { col: 4, row: 5, abbr: 'WMI' },
  leicestershire: { col: 5, row: 5, abbr: 'LEI' },
  cambridgeshire: { col: 6, row: 5, abbr: 'CAM' },
  norfolk: { col: 7, row: 5, abbr: 'NFK' },
  'west-mercia': { col: 3, row: 6, abbr: 'WME' },
  warwickshire: { col: 4, row: 6, abbr: 'WAR' },
  northamptonshire: { col: 5, row: 6, abbr: 'NTH' },
  bedfordshire: { col: 6, row: 6, abbr: 'BED' },
  suffolk: { col: 7, row: 6, abbr: 'SFK' },
  'south-wales': { col: 1, row: 7, abbr: 'SWA' },
  gwent: { col: 2, row: 7, abbr: 'GWE' },
  gloucestershire: { col: 3, row: 7, abbr: 'GLO' },
  'thames-valley': { col: 4, row: 7, abbr: 'TVP' },
  hertfordshire: { col: 5, row: 7, abbr: 'HER' },
  essex: { col: 6, row: 7, abbr: 'ESS' },
  'avon-and-somerset': { col: 2, row: 8, abbr: 'AVS' },
  wiltshire: { col: 3, row: 8, abbr: 'WIL' },
  hampshire: { col: 4, row: 8, abbr: 'HAM' },
  metropolitan: { col: 5, row: 8, abbr: 'MET' },
  'city-of-london': { col: 6, row: 8, abbr: 'COL' },
  'devon-and-cornwall': { col: 1, row: 9, abbr: 'DEC' },
  dorset: { col: 3, row: 9, abbr: 'DOR' },
  surrey: { col: 5, row: 9, abbr: 'SUR' },
  kent: { col: 6, row: 9, abbr: 'KEN' },
  sussex: { col: 5, row: 10, abbr: 'SUS' },
};

export const TILE_SIZE = 60;
export const TILE_GAP = 6;
const PITCH = TILE_SIZE + TILE_GAP;

/** The map's width and height in SVG units. */
export function mapSize(): { width: number; height: number } {
  const tiles = Object.values(TILES);
  return {
    width: (Math.max(...tiles.map((t) => t.col)) + 1) * PITCH - TILE_GAP,
    height: (Math.max(...tiles.map((t) => t.row)) + 1) * PITCH - TILE_GAP,
  };
}

/** A tile's top-left corner in SVG units. */
export function tilePosition(tile: Tile): { x: number; y: number } {
  return { x: tile.col * PITCH, y: tile.row * PITCH };
}

/** Where an area's tile stands and what it links to: the part every tile map draws alike. */
export function placedTile(areaId: string) {
  const tile = TILES[areaId]!;
  const { x, y } = tilePosition(tile);
  return {
    areaId,
    href: `/national/areas/${areaId}`,
    x,
    y,
    size: TILE_SIZE,
    centre: { x: x + TILE_SIZE / 2, y: y + TILE_SIZE / 2 },
    abbr: tile.abbr,
  };
}
