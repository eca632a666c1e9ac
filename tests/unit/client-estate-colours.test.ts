import { describe, expect, it } from 'vitest';
import type { EstateApiProperties } from '../../client/src/api/types';
import { blendOver, hexToRgb, interpolateStops, rgbToCss, withAlpha } from '../../core/colour';
import {
  CATEGORY_PALETTE,
  createEstateColouring,
  estateFill,
  FILTERED_OUT_COLOUR,
  reachBandOf,
  subdistrictColour,
} from '../../client/src/map/estate-colours';
import { ESTATE_FILL_ALPHA } from '../../core/palette-rules';
import type { EstateCoverage } from '../../core/coverage/coverage';
import { estateStatus } from '../../core/estate-status';

function estate(overrides: Partial<EstateApiProperties> = {}): EstateApiProperties {
  return {
    id: 1,
    code: 'E001',
    name: '纺织厂宿舍',
    address: '城中路 1 号',
    district: '城中区',
    districtCode: 'D01',
    subdistrict: '城中街道',
    subdistrictCode: 'S01',
    community: '东门社区',
    communityCode: 'C01',
    yearBuilt: 1992,
    buildings: 4,
    households: 120,
    floorAreaM2: 9000,
    propertyType: 'housing_reform',
    originalOwnerUnit: '纺织厂',
    hasPropertyManagement: false,
    hasOwnersCommittee: false,
    urgent: false,
    hazardLevel: 'none',
    willingnessPct: null,
    notes: '',
    landAreaM2: 5000,
    eligible: true,
    eligibilityOverride: null,
    eligibilityOverrideReason: null,
    importLayerId: null,
    version: 1,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

const RED: readonly number[] = [0xd7, 0x30, 0x1f];
const ORANGE: readonly number[] = [0xf5, 0x92, 0x2f];
const GREY_BLUE: readonly number[] = [0x7f, 0x97, 0xb2];

describe('colour arithmetic', () => {
  it('reads #rrggbb in either case, with or without the hash', () => {
    expect(hexToRgb('#d63031')).toEqual([214, 48, 49]);
    expect(hexToRgb('D63031')).toEqual([214, 48, 49]);
  });

  it('refuses a colour that is not #rrggbb, saying which', () => {
    expect(() => hexToRgb('#fff')).toThrow('hexToRgb: "#fff" is not a #rrggbb colour');
  });

  it('interpolates between evenly spaced stops and clamps outside 0–1', () => {
    const stops = [
      [0, 0, 0],
      [100, 200, 50],
      [200, 200, 250],
    ] as const;
    expect(interpolateStops(stops, 0)).toEqual([0, 0, 0]);
    expect(interpolateStops(stops, 0.25)).toEqual([50, 100, 25]);
    expect(interpolateStops(stops, 0.5)).toEqual([100, 200, 50]);
    expect(interpolateStops(stops, 1)).toEqual([200, 200, 250]);
    expect(interpolateStops(stops, 7)).toEqual([200, 200, 250]);
    expect(interpolateStops(stops, -1)).toEqual([0, 0, 0]);
    expect(interpolateStops(stops, Number.NaN)).toEqual([0, 0, 0]);
  });

  it('needs at least one stop', () => {
    expect(() => interpolateStops([], 0.5)).toThrow('give at least one colour stop');
  });

  it('composites a translucent colour over the background as the screen shows it', () => {
    expect(blendOver([255, 0, 0, 51], [0, 0, 255])).toEqual([51, 0, 204]);
    expect(blendOver([10, 20, 30, 255], [200, 200, 200])).toEqual([10, 20, 30]);
  });

  it('writes CSS rgb() when opaque and rgba() otherwise', () => {
    expect(rgbToCss([1, 2, 3])).toBe('rgb(1, 2, 3)');
    expect(rgbToCss([1, 2, 3], 0.5)).toBe('rgba(1, 2, 3, 0.5)');
    expect(withAlpha([1, 2, 3], 9)).toEqual([1, 2, 3, 9]);
  });
});

describe('estate status', () => {
  it('calls an urgent estate urgent even when it is not eligible', () => {
    expect(estateStatus({ urgent: true, eligible: true })).toBe('urgent');
    expect(estateStatus({ urgent: true, eligible: false })).toBe('urgent');
    expect(estateStatus({ urgent: false, eligible: true })).toBe('eligible');
    expect(estateStatus({ urgent: false, eligible: false })).toBe('notEligible');
  });
});

describe('colouring by status', () => {
  const colouring = createEstateColouring('eligibility', []);

  it('paints urgent estates red, eligible ones orange and the rest grey-blue', () => {
    expect(colouring.colourOf(estate({ urgent: true, eligible: false }))).toEqual(RED);
    expect(colouring.colourOf(estate({ urgent: false, eligible: true }))).toEqual(ORANGE);
    expect(colouring.colourOf(estate({ urgent: false, eligible: false }))).toEqual(GREY_BLUE);
  });

  it('lists urgent, eligible and not eligible in the legend with i18n keys and the same colours', () => {
    expect(colouring.key).toBe('eligibility');
    expect(colouring.legend).toEqual({
      kind: 'categories',
      items: [
        { key: 'urgent', label: { i18nKey: 'legend.urgent' }, colour: RED },
        { key: 'eligible', label: { i18nKey: 'legend.eligible' }, colour: ORANGE },
        { key: 'notEligible', label: { i18nKey: 'legend.notEligible' }, colour: GREY_BLUE },
      ],
    });
  });
});

describe('colouring by year built', () => {
  const estates = [estate({ yearBuilt: 2000 }), estate({ yearBuilt: 1980 }), estate({ yearBuilt: 1990 })];
  const colouring = createEstateColouring('yearBuilt', estates);

  it('paints the oldest estate darkest red and the newest palest', () => {
    expect(colouring.colourOf(estate({ yearBuilt: 1980 }))).toEqual([0x67, 0x00, 0x1f]);
    expect(colouring.colourOf(estate({ yearBuilt: 1990 }))).toEqual([0xd6, 0x60, 0x4d]);
    expect(colouring.colourOf(estate({ yearBuilt: 2000 }))).toEqual([0xfd, 0xdb, 0xc7]);
  });

  it('spans the ramp over the estates’ own range and keys it by that range', () => {
    expect(colouring.key).toBe('yearBuilt:1980:2000');
    expect(colouring.legend).toMatchObject({ kind: 'ramp', attribute: 'yearBuilt', min: 1980, max: 2000 });
  });
});

describe('colouring by households', () => {
  it('paints the fewest households palest green and the most darkest green', () => {
    const colouring = createEstateColouring('households', [estate({ households: 100 }), estate({ households: 500 })]);
    expect(colouring.colourOf(estate({ households: 100 }))).toEqual([0xd9, 0xf0, 0xa3]);
    expect(colouring.colourOf(estate({ households: 500 }))).toEqual([0x00, 0x44, 0x1b]);
    expect(colouring.key).toBe('households:100:500');
  });

  it('uses the middle of the ramp when all estates have the same count', () => {
    const colouring = createEstateColouring('households', [estate({ households: 80 })]);
    expect(colouring.colourOf(estate({ households: 80 }))).toEqual([0x41, 0xab, 0x5d]);
  });

  it('gives a 0–0 range when there are no estates', () => {
    expect(createEstateColouring('households', []).legend).toMatchObject({ kind: 'ramp', min: 0, max: 0 });
  });
});

describe('colouring by sub-district', () => {
  it('gives consecutive codes consecutive palette colours, by the last character', () => {
    const colouring = createEstateColouring('subdistrict', []);
    expect(colouring.colourOf(estate({ subdistrictCode: 'S01' }))).toEqual(CATEGORY_PALETTE[1]);
    expect(colouring.colourOf(estate({ subdistrictCode: 'S02' }))).toEqual(CATEGORY_PALETTE[2]);
    expect(subdistrictColour('450202009')).toEqual(CATEGORY_PALETTE[9]);
    expect(subdistrictColour('450202010')).toEqual(CATEGORY_PALETTE[0]);
    expect(CATEGORY_PALETTE[0]).toEqual([0x34, 0x5d, 0x02]);
  });

  it('gives ten consecutive codes ten different colours, then wraps round the palette', () => {
    const colours = Array.from({ length: 11 }, (_, i) => rgbToCss(subdistrictColour(`4502020${String(i + 1).padStart(2, '0')}`)));
    expect(new Set(colours.slice(0, 10)).size).toBe(10);
    expect(colours[10]).toBe(colours[0]);
    // Letters too, case-blind: a and A, then a and k, ten apart.
    expect(subdistrictColour('Sa')).toEqual(subdistrictColour('SA'));
    expect(subdistrictColour('Sa')).toEqual(subdistrictColour('Sk'));
    expect(subdistrictColour('Sa')).not.toEqual(subdistrictColour('Sb'));
  });

  it('keeps a sub-district’s colour whatever other sub-districts or estates there are', () => {
    const alone = createEstateColouring('subdistrict', []);
    const crowded = createEstateColouring('subdistrict', [estate({ subdistrictCode: 'S00' }), estate({ subdistrictCode: 'S05' })]);
    expect(crowded.key).toBe(alone.key);
    expect(crowded.colourOf(estate({ subdistrictCode: 'S03' }))).toEqual(alone.colourOf(estate({ subdistrictCode: 'S03' })));
    expect(alone.legend).toEqual({ kind: 'subdistricts' });
  });

  it('paints an estate without a sub-district, or with a code ending outside 0–9 and a–z, grey-blue', () => {
    const colouring = createEstateColouring('subdistrict', []);
    expect(colouring.colourOf(estate({ subdistrictCode: null }))).toEqual(GREY_BLUE);
    expect(colouring.colourOf(estate({ subdistrictCode: '' }))).toEqual(GREY_BLUE);
    expect(colouring.colourOf(estate({ subdistrictCode: '城中街道' }))).toEqual(GREY_BLUE);
  });
});

describe('estate fill', () => {
  const colouring = createEstateColouring('eligibility', []);

  it('draws an estate in its colour at the estate opacity', () => {
    expect(ESTATE_FILL_ALPHA).toBe(215);
    expect(estateFill(colouring, estate({ urgent: true }), false)).toEqual([...RED, 215]);
  });

  it('fades an estate the filter leaves out to the context grey', () => {
    expect(estateFill(colouring, estate({ urgent: true, subdistrictCode: 'S02' }), true)).toEqual(FILTERED_OUT_COLOUR);
    expect(FILTERED_OUT_COLOUR).toEqual([160, 166, 176, 70]);
  });
});

describe('colouring by the reach of one facility type', () => {
  const coverageOf = (distanceM: number | null) =>
    ({
      id: 0,
      households: 0,
      origin: 'boundary',
      gaps: [],
      scorePct: 0,
      types: { kindergarten: { distanceM, radiusM: 300, covered: distanceM !== null && distanceM <= 300, nearest: null } },
    }) as unknown as EstateCoverage;

  it('bands an estate by its distance against the radius: within, up to twice, farther or none', () => {
    expect(reachBandOf({ distanceM: 0, radiusM: 300 })).toBe('within');
    expect(reachBandOf({ distanceM: 300, radiusM: 300 })).toBe('within');
    expect(reachBandOf({ distanceM: 300.1, radiusM: 300 })).toBe('near');
    expect(reachBandOf({ distanceM: 600, radiusM: 300 })).toBe('near');
    expect(reachBandOf({ distanceM: 601, radiusM: 300 })).toBe('far');
    expect(reachBandOf({ distanceM: null, radiusM: 300 })).toBe('far');
  });

  it('counts estates and households per band in the legend', () => {
    const estates = [estate({ id: 1, households: 10 }), estate({ id: 2, households: 20 }), estate({ id: 3, households: 40 })];
    const coverage = new Map([
      [1, coverageOf(100)],
      [2, coverageOf(450)],
      [3, coverageOf(null)],
    ]);
    const colouring = createEstateColouring('reach', estates, coverage, 'kindergarten');
    if (colouring.legend.kind !== 'categories') throw new Error('expected categories');
    const params = colouring.legend.items.map((item) => ('params' in item.label ? item.label.params : null));
    expect(params).toEqual([
      { range: '≤ 300', estates: 1, households: 10 },
      { range: '300–600', estates: 1, households: 20 },
      { range: '> 600', estates: 1, households: 40 },
    ]);
    expect(colouring.colourOf(estates[0]!)).not.toEqual(colouring.colourOf(estates[2]!));
  });
});
