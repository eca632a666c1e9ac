import { describe, expect, it } from 'vitest';
import { FACILITY_CATALOGUE } from '../../core/facility-catalogue';
import { BASEMAP_COLOURS } from '../../client/src/map/basemap-style';
import { blendOver, colourDifference, deltaE2000, hexToRgb, rgbToLab, withAlpha, type Lab, type Rgb } from '../../core/colour';
import { CATEGORY_PALETTE, HOUSEHOLDS_RAMP, STARTED_SHARE_RAMP, STATUS_COLOURS, YEAR_RAMP } from '../../client/src/map/estate-colours';
import { ESTATE_FILL_ALPHA } from '../../core/palette-rules';
import { facilityColour } from '../../client/src/map/facility-style';
import { SUBDISTRICT_SHARE_OPACITY } from '../../client/src/map/estate-tiles';

/** What the map's colours must stay apart from: the land, the river and the boundary lines. */
const BACKGROUND: Record<string, Rgb> = {
  land: hexToRgb(BASEMAP_COLOURS.land),
  river: hexToRgb(BASEMAP_COLOURS.water),
  riverEdge: hexToRgb(BASEMAP_COLOURS.waterEdge),
  subdistrictBoundary: hexToRgb(BASEMAP_COLOURS.subdistrict),
  selectedBoundary: hexToRgb(BASEMAP_COLOURS.subdistrictSelected),
  communityBoundary: hexToRgb(BASEMAP_COLOURS.community),
};
const LAND = hexToRgb(BASEMAP_COLOURS.land);

/** An estate fill as the screen shows it: translucent over the land. */
const asFilled = (colour: Rgb): Rgb => blendOver(withAlpha(colour, ESTATE_FILL_ALPHA), LAND);

/** The colours closer than `minimum` to a background colour, as "colour ~ background: ΔE". */
function tooCloseToBackground(colours: Record<string, Rgb>, minimum: number): string[] {
  return Object.entries(colours).flatMap(([name, colour]) =>
    Object.entries(BACKGROUND)
      .map(([ground, g]) => [ground, colourDifference(colour, g)] as const)
      .filter(([, d]) => d < minimum)
      .map(([ground, d]) => `${name} ~ ${ground}: ${d.toFixed(1)}`),
  );
}

function tooCloseToEachOther(colours: Record<string, Rgb>, minimum: number): string[] {
  const entries = Object.entries(colours);
  return entries.flatMap(([a, ca], i) =>
    entries
      .slice(i + 1)
      .map(([b, cb]) => [b, colourDifference(ca, cb)] as const)
      .filter(([, d]) => d < minimum)
      .map(([b, d]) => `${a} ~ ${b}: ${d.toFixed(1)}`),
  );
}

const named = (colours: readonly Rgb[], prefix: string) => Object.fromEntries(colours.map((c, i) => [`${prefix}${i}`, c]));

describe('CIEDE2000', () => {
  // Test pairs 1, 7, 17, 19 and 25 of Sharma, Wu & Dalal (2005), Table 1.
  const pairs: [Lab, Lab, number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [50, 3.1736, 0.5854], 1.0],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  ];

  it.each(pairs)('agrees with the published test pair %j / %j', (a, b, expected) => {
    expect(deltaE2000(a, b)).toBeCloseTo(expected, 3);
    expect(deltaE2000(b, a)).toBeCloseTo(expected, 3);
  });

  it('takes white to L* 100 and black to L* 0', () => {
    const [lWhite, aWhite, bWhite] = rgbToLab([255, 255, 255]);
    expect(lWhite).toBeCloseTo(100, 2);
    expect(Math.abs(aWhite) + Math.abs(bWhite)).toBeLessThan(0.01);
    expect(rgbToLab([0, 0, 0])[0]).toBeCloseTo(0, 5);
  });
});

describe('map colours', () => {
  const facilityColours = Object.fromEntries(FACILITY_CATALOGUE.map((f) => [f.id, facilityColour(f.id)]));

  it('give every facility type a colour at least ΔE00 12 from the land, the river and the boundaries', () => {
    expect(tooCloseToBackground(facilityColours, 12)).toEqual([]);
  });

  it('give every facility type a colour at least ΔE00 10 from every other type', () => {
    expect(tooCloseToEachOther(facilityColours, 10)).toEqual([]);
  });

  it('keep the sub-district palette, as filled, ΔE00 15 from the boundary purple and the other backgrounds and 10 apart', () => {
    const filled = named(CATEGORY_PALETTE.map(asFilled), 'subdistrict');
    expect(tooCloseToBackground(filled, 15)).toEqual([]);
    expect(tooCloseToEachOther(filled, 10)).toEqual([]);
  });

  it('start the households ramp visibly off the land (no near-white class) and step it visibly', () => {
    const filled = HOUSEHOLDS_RAMP.map(asFilled);
    expect(tooCloseToBackground(named(filled, 'households'), 15)).toEqual([]);
    const steps = filled.slice(1).map((c, i) => colourDifference(c, filled[i] ?? c));
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(8);
  });

  it('start the started-share ramp of sub-districts, as filled, visibly off the land and step it visibly', () => {
    const filled = STARTED_SHARE_RAMP.map((c) => blendOver(withAlpha(c, Math.round(SUBDISTRICT_SHARE_OPACITY * 255)), LAND));
    // Its boundary lines are drawn over the fill and the river beside it, so only the land counts.
    expect(colourDifference(filled[0]!, LAND)).toBeGreaterThanOrEqual(10);
    const steps = filled.slice(1).map((c, i) => colourDifference(c, filled[i] ?? c));
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(8);
  });

  it('keep the year ramp, as filled, ΔE00 10 from the backgrounds', () => {
    expect(tooCloseToBackground(named(YEAR_RAMP.map(asFilled), 'year'), 10)).toEqual([]);
  });

  it('keep the status colours, as filled, ΔE00 10 from the land, the river and the boundary lines', () => {
    // The design's grey-blue "not eligible" is 7.4 from the river's 1-px edge line only; that line
    // is drawn against water, not against estates, so it is left out here.
    const filled = Object.fromEntries(Object.entries(STATUS_COLOURS).map(([k, c]) => [k, asFilled(c)]));
    const found = tooCloseToBackground(filled, 10).filter((s) => !s.includes('riverEdge'));
    expect(found).toEqual([]);
  });
});
