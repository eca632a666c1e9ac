/**
 * The rule every categorical map palette keeps: as drawn (estate fills over the land), each pair of
 * colours differs by CIEDE2000 ≥ a minimum under normal vision and simulated protanopia,
 * deuteranopia and tritanopia. The map draws with these constants, so the check sees what the
 * screen shows; the server refuses an administrator's stage colours that break it.
 */
import { blendOver, colourDifference, COLOUR_VISIONS, hexToRgb, simulateVision, withAlpha, type ColourVision, type Rgb } from './colour.js';

/** The offline basemap's land colour. */
export const MAP_LAND_HEX = '#f3f0e8';
/** Opacity of estate fills (0–255): opaque enough to read the colour, light enough to see roads at the edges. */
export const ESTATE_FILL_ALPHA = 215;
/** ΔE00 every pair of stage colours keeps, in every simulated vision. */
export const MIN_STAGE_DELTA_E = 15;

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** A `#rrggbb` fill as it shows over the land. */
export function filledOnLand(hex: string): Rgb {
  return blendOver(withAlpha(hexToRgb(hex), ESTATE_FILL_ALPHA), hexToRgb(MAP_LAND_HEX));
}

export interface PaletteConflict {
  a: string;
  b: string;
  vision: ColourVision;
  deltaE: number;
}

/**
 * Pairs of `colours` (by id) closer than `minDeltaE` as drawn over the land, the closest first.
 * @example paletteConflicts([{ id: 'a', colour: '#ff0000' }, { id: 'b', colour: '#ff0101' }])[0]?.vision // 'normal'
 */
export function paletteConflicts(colours: readonly { id: string; colour: string }[], minDeltaE = MIN_STAGE_DELTA_E): PaletteConflict[] {
  const conflicts: PaletteConflict[] = [];
  const filled = colours.map((c) => filledOnLand(c.colour));
  for (const vision of COLOUR_VISIONS) {
    const seen = filled.map((rgb) => simulateVision(rgb, vision));
    for (let i = 0; i < seen.length; i++)
      for (let j = i + 1; j < seen.length; j++) {
        const deltaE = colourDifference(seen[i]!, seen[j]!);
        if (deltaE < minDeltaE) conflicts.push({ a: colours[i]!.id, b: colours[j]!.id, vision, deltaE });
      }
  }
  return conflicts.sort((x, y) => x.deltaE - y.deltaE);
}

/**
 * The colour of a 16-step RGB grid farthest (by its closest ΔE00, in every vision) from `taken`:
 * a new stage's starting colour that already keeps the rule when one exists.
 */
export function mostDistinctColour(taken: readonly string[]): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  const seen = COLOUR_VISIONS.map((vision) => taken.map((c) => simulateVision(filledOnLand(c), vision)));
  let best = { colour: '#888888', deltaE: -1 };
  for (let r = 0; r < 256; r += 17)
    for (let g = 0; g < 256; g += 17)
      for (let b = 0; b < 256; b += 17) {
        const colour = `#${hex(r)}${hex(g)}${hex(b)}`;
        const filled = filledOnLand(colour);
        let closest = Infinity;
        COLOUR_VISIONS.forEach((vision, v) => {
          const mine = simulateVision(filled, vision);
          for (const other of seen[v]!) closest = Math.min(closest, colourDifference(mine, other));
        });
        if (closest > best.deltaE) best = { colour, deltaE: closest };
      }
  return best.colour;
}
