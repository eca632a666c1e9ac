/**
 * The tile map's colour rules (client/src/map/estate-tiles.ts) give each estate the colour the
 * GeoJSON map gives it (estate-colours.ts colourOf), evaluated with MapLibre's own expression
 * engine on the attributes a tile carries (core/tiles/tile-layers.ts).
 */
import { describe, expect, it } from 'vitest';
import { createExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { createEstateColouring, subdistrictColour } from '../../client/src/map/estate-colours';
import fc from 'fast-check';
import { listedState, subdistrictShareExpression, tileColourExpression, tileFillExpression } from '../../client/src/map/estate-tiles';
import { estateIdListing } from '../../core/estate-id-listing';
import { FILTERED_OUT_COLOUR, STARTED_SHARE_RAMP } from '../../client/src/map/estate-colours';
import { EMPTY_ATLAS_FILTER, excludedEstateIds, YES_NO, type AtlasFilter } from '../../client/src/state/atlas-filter';
import type { ColourBy } from '../../client/src/map/map-types';
import type { EstateApiProperties } from '../../client/src/api/types';
import type { Rgb } from '../../core/colour';
import { ESTATE_FILL_ALPHA } from '../../core/palette-rules';
import { DEFAULT_STAGE, DEFAULT_STAGE_CATALOGUE } from '../../core/programme/stages';
import type { EstateProgramme } from '../../core/contract/index';
import { estateFeature } from '../helpers/estate-fixture';

function evaluate(expression: unknown, properties: Record<string, unknown>, featureState: Record<string, unknown> = {}): Rgb {
  const parsed = createExpression(expression, 'fill-color', latest.paint_fill['fill-color'] as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const colour = parsed.value.evaluate({ zoom: 14 }, { type: 'Polygon', properties } as never, featureState as never) as {
    r: number;
    g: number;
    b: number;
  };
  return [Math.round(colour.r * 255), Math.round(colour.g * 255), Math.round(colour.b * 255)];
}

/** What an estate tile says of an estate: ST_AsMVT leaves out null attributes. */
function tileProperties(p: EstateApiProperties, stage: string): Record<string, unknown> {
  const all: Record<string, unknown> = {
    stage,
    households: p.households,
    yearBuilt: p.yearBuilt,
    urgent: p.urgent,
    eligible: p.eligible,
    subdistrictCode: p.subdistrictCode,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null));
}

const stages = DEFAULT_STAGE_CATALOGUE.stages.map((s) => s.id);
const estates = Array.from(
  { length: 24 },
  (_, i) =>
    estateFeature(i + 1, {
      yearBuilt: i % 7 === 0 ? null : 1960 + i * 2,
      households: 40 + i * 37,
      urgent: i % 5 === 0,
      eligible: i % 3 !== 0,
      subdistrictCode: i % 4 === 0 ? null : `S0${i % 4}`,
    }).properties,
);
const byEstate = new Map<number, EstateProgramme>(
  estates.map((p, i) => [
    p.id,
    {
      estateId: p.id,
      stage: stages[i % stages.length]!,
      progressPct: 0,
      since: null,
      planYear: null,
      batch: null,
      categories: [],
      matched: true,
    },
  ]),
);
const programme = { byEstate, byStage: [], catalogue: DEFAULT_STAGE_CATALOGUE };

describe('estate tile colours', () => {
  it.each(['stage', 'eligibility', 'yearBuilt', 'households', 'subdistrict'] as ColourBy[])(
    '%s: every estate as the GeoJSON map colours it',
    (colourBy) => {
      const colouring = createEstateColouring(colourBy, estates, null, 'kindergarten', programme, {
        yearBuilt: [1950, 2010],
        households: [0, 1000],
      });
      const expression = tileColourExpression(colouring.tileRule);
      for (const p of estates) {
        const fromTile = evaluate(expression, tileProperties(p, byEstate.get(p.id)!.stage));
        const expected = colouring.colourOf(p);
        // The ramps round once in JS and once in MapLibre.
        for (let c = 0; c < 3; c++) expect(Math.abs(fromTile[c]! - expected[c]!), `${colourBy} estate ${p.id}`).toBeLessThanOrEqual(1);
      }
    },
  );

  it('colours any sub-district code on a tile as the GeoJSON map and the legend do, with no list of codes', () => {
    const expression = tileColourExpression(createEstateColouring('subdistrict', []).tileRule);
    // Short codes over digits, letters of either case, a Chinese character and punctuation, or none.
    const code = fc.string({ unit: fc.constantFrom(...'0123456789aZkQz街-_ '), maxLength: 12 });
    fc.assert(
      fc.property(code, (c) => {
        expect(evaluate(expression, { subdistrictCode: c })).toEqual(subdistrictColour(c));
      }),
      { numRuns: 500 },
    );
    // A tile leaves out an estate's missing code.
    expect(evaluate(expression, {})).toEqual(createEstateColouring('subdistrict', []).colourOf({ ...estates[0]!, subdistrictCode: null }));
    expect(JSON.stringify(expression).length).toBeLessThan(1000);
  });

  it('colours a stage the catalogue no longer has as an estate outside the programme', () => {
    const colouring = createEstateColouring('stage', estates, null, 'kindergarten', programme);
    const expression = tileColourExpression(colouring.tileRule);
    expect(evaluate(expression, { stage: 'gone' })).toEqual(evaluate(expression, { stage: DEFAULT_STAGE }));
  });

  it('colours by the stage set on the feature (a later entry, a replayed day) over the one its tile was cut with', () => {
    const colouring = createEstateColouring('stage', estates, null, 'kindergarten', programme);
    const expression = tileColourExpression(colouring.tileRule);
    const [first, second] = DEFAULT_STAGE_CATALOGUE.ids as [string, string];
    expect(evaluate(expression, { stage: first }, { stage: second })).toEqual(evaluate(expression, { stage: second }));
    expect(evaluate(expression, { stage: first }, { stage: second })).not.toEqual(evaluate(expression, { stage: first }));
    // Other colourings read the tile alone.
    const bySubdistrict = tileColourExpression(createEstateColouring('subdistrict', estates).tileRule);
    expect(evaluate(bySubdistrict, { subdistrictCode: 'S01' }, { stage: second })).toEqual(
      evaluate(bySubdistrict, { subdistrictCode: 'S01' }),
    );
  });

  it('fades the estates the atlas filter leaves out, as the GeoJSON map does (sub-districts, eligibility, urgency, years)', () => {
    const features = estates.map((p) => estateFeature(p.id, p));
    const marker: Rgb = [1, 2, 3];
    // MapLibre's colours are premultiplied; the faded colour's alpha is FILTERED_OUT_COLOUR's over the layer's opacity.
    const fadedAlpha = FILTERED_OUT_COLOUR[3] / ESTATE_FILL_ALPHA;
    const faded = FILTERED_OUT_COLOUR.slice(0, 3).map((c) => Math.round(c * fadedAlpha));
    const yesNo = fc.subarray([...YES_NO]);
    const year = fc.option(fc.integer({ min: 1950, max: 2020 }), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          subdistrictCodes: fc.subarray(['', 'S01', 'S02', 'S03', 'S09']),
          eligible: yesNo,
          urgent: yesNo,
          yearFrom: year,
          yearTo: year,
        }),
        (restriction) => {
          const filter: AtlasFilter = { ...EMPTY_ATLAS_FILTER, ...restriction };
          const excluded = excludedEstateIds(features, filter);
          const expression = tileFillExpression({ kind: 'fixed', colour: marker }, filter);
          for (const p of estates) {
            const drawn = evaluate(expression, tileProperties(p, DEFAULT_STAGE));
            expect([p.id, drawn]).toEqual([p.id, excluded.has(p.id) ? faded : marker]);
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
    // Nothing restricted: the colouring alone.
    expect(tileFillExpression({ kind: 'fixed', colour: marker }, EMPTY_ATLAS_FILTER)).toBe('rgba(1,2,3,1)');
  });

  it('fades, with the atlas filter, the estates the leaders’ filter leaves out, from the server’s shorter list of ids', () => {
    const features = estates.map((p) => estateFeature(p.id, p));
    const marker: Rgb = [1, 2, 3];
    const fadedAlpha = FILTERED_OUT_COLOUR[3] / ESTATE_FILL_ALPHA;
    const faded = FILTERED_OUT_COLOUR.slice(0, 3).map((c) => Math.round(c * fadedAlpha));
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: estates.length, maxLength: estates.length }),
        fc.subarray(['', 'S01', 'S02', 'S03', 'S09']),
        (matchedFlags, subdistrictCodes) => {
          const matched = estates.map((p, i) => ({ estateId: p.id, matched: matchedFlags[i]! }));
          const listing = estateIdListing(matched);
          // The shorter side is listed, so a filter keeping most estates lists the few it fades.
          expect(listing.ids.length).toBeLessThanOrEqual(estates.length / 2);
          const filter: AtlasFilter = { ...EMPTY_ATLAS_FILTER, subdistrictCodes };
          const excluded = excludedEstateIds(features, filter);
          const expression = tileFillExpression({ kind: 'fixed', colour: marker }, { ...filter, listed: { programme: listing.lists } });
          for (const [i, p] of estates.entries()) {
            // What the adapter marks (setTileListing): the listed estates, and no other.
            const state = listing.ids.includes(p.id) ? { [listedState('programme')]: true } : {};
            const drawn = evaluate(expression, tileProperties(p, DEFAULT_STAGE), state);
            expect([p.id, drawn]).toEqual([p.id, excluded.has(p.id) || !matchedFlags[i] ? faded : marker]);
          }
        },
      ),
      { seed: 12, numRuns: 200 },
    );
  });

  it('gives an estate without a year the no-figure colour on the year ramp', () => {
    const colouring = createEstateColouring('yearBuilt', estates);
    const withoutYear = estates.find((p) => p.yearBuilt === null)!;
    expect(evaluate(tileColourExpression(colouring.tileRule), tileProperties(withoutYear, DEFAULT_STAGE))).toEqual([
      ...colouring.colourOf(withoutYear),
    ]);
  });

  it('fills each sub-district by its share of estates started on the ramp, one with no share at its start', () => {
    const stops = STARTED_SHARE_RAMP;
    const expression = subdistrictShareExpression({
      byCode: new Map([
        ['S01', 0],
        ['S02', 1],
        ['S03', 0.5],
      ]),
      stops,
    });
    expect(evaluate(expression, { code: 'S01' })).toEqual([...stops[0]!]);
    expect(evaluate(expression, { code: 'S02' })).toEqual([...stops[stops.length - 1]!]);
    expect(evaluate(expression, { code: 'S03' })).toEqual([...stops[Math.floor(stops.length / 2)]!]);
    expect(evaluate(expression, { code: 'S99' })).toEqual([...stops[0]!]);
    expect(evaluate(subdistrictShareExpression({ byCode: new Map(), stops }), { code: 'S01' })).toEqual([...stops[0]!]);
    expect(subdistrictShareExpression(null)).toBe('rgba(0,0,0,0)');
  });
});
