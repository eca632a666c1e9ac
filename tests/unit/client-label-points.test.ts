import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, LineString, MultiLineString, Polygon } from 'geojson';
import { boundsOf } from '../../core/geometry/bounds-of';
import fc from 'fast-check';
import {
  labelsAt,
  labelWidthPx,
  lineMidLabel,
  placedLabel,
  polygonLabel,
  polygonLabelPoint,
  roadLabels,
  segmentAngleDeg,
  zoomSpanningPx,
} from '../../core/geometry/label-points';
import { deckZoomBand, subdistrictLabelWidthPx } from '../../client/src/map/deck-layers';

/** A longitude span of about 1.11 km at the equator. */
const KM_AT_EQUATOR_DEG = 0.01;

function road(name: string, coordinates: [number, number][]): Feature<LineString, { name: string }> {
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { name } };
}

describe('polygon label points', () => {
  it('labels a square at its centre', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [lng, lat] = polygonLabelPoint(square);
    expect(lng).toBeCloseTo(1, 9);
    expect(lat).toBeCloseTo(1, 9);
  });

  it('labels a U-shaped polygon inside it, not at its centroid in the gap', () => {
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const point = polygonLabelPoint(u);
    expect(booleanPointInPolygon(point, u)).toBe(true);
  });
});

describe('segment angles', () => {
  it('reads an east-west segment as 0° whichever way it runs', () => {
    expect(segmentAngleDeg([109.4, 24.3], [109.41, 24.3])).toBe(0);
    expect(segmentAngleDeg([109.41, 24.3], [109.4, 24.3])).toBeCloseTo(0, 9);
  });

  it('reads a north-south segment as 90° whichever way it runs, never upside down', () => {
    expect(segmentAngleDeg([0, 0], [0, 1])).toBe(90);
    expect(segmentAngleDeg([0, 1], [0, 0])).toBe(90);
  });

  it('stretches north-south distances by 1/cos(lat) as Web Mercator does', () => {
    // At 60° a degree of latitude is drawn twice as long as a degree of longitude: atan(2) = 63.43°.
    expect(segmentAngleDeg([10, 59.5], [11, 60.5])).toBeCloseTo(63.43, 1);
    expect(segmentAngleDeg([0, -0.5], [1, 0.5])).toBeCloseTo(45, 3);
  });

  it('keeps a south-east segment negative', () => {
    expect(segmentAngleDeg([0, 0.5], [1, -0.5])).toBeCloseTo(-45, 3);
  });
});

describe('line labels', () => {
  it('puts the label at the middle of an east-west line, level', () => {
    const label = lineMidLabel('解放路', {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [KM_AT_EQUATOR_DEG, 0],
      ],
    });
    expect(label?.text).toBe('解放路');
    expect(label?.position[0]).toBeCloseTo(KM_AT_EQUATOR_DEG / 2, 6);
    expect(label?.position[1]).toBeCloseTo(0, 6);
    expect(label?.angleDeg).toBeCloseTo(0, 3);
  });

  it('gives no label to a line shorter than 120 m', () => {
    expect(
      lineMidLabel('短巷', {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [0.001, 0],
        ],
      }),
    ).toBeNull();
    expect(
      lineMidLabel(
        '短巷',
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [0.001, 0],
          ],
        },
        100,
      ),
    ).not.toBeNull();
  });

  it('labels the longest part of a multi-line, along that part', () => {
    const geometry: MultiLineString = {
      type: 'MultiLineString',
      coordinates: [
        [
          [5, 0],
          [5.002, 0],
        ],
        [
          [0, 0],
          [0, 0.02],
        ],
      ],
    };
    const label = lineMidLabel('北大街', geometry);
    expect(label?.position[0]).toBeCloseTo(0, 6);
    expect(label?.position[1]).toBeCloseTo(0.01, 6);
    expect(label?.angleDeg).toBeCloseTo(90, 3);
  });
});

describe('road labels', () => {
  it('skips unnamed roads and a second piece of the same street close by', () => {
    const labels = roadLabels([
      road('  ', [
        [0, 0],
        [KM_AT_EQUATOR_DEG, 0],
      ]),
      road('解放路', [
        [0, 0],
        [KM_AT_EQUATOR_DEG, 0],
      ]),
      // Its middle is about 300 m from the first piece's middle, within the 450 m spacing.
      road('解放路', [
        [0.003, 0.001],
        [0.012, 0.001],
      ]),
      road('人民路', [
        [0, 0.001],
        [KM_AT_EQUATOR_DEG, 0.001],
      ]),
    ]);
    expect(labels.map((l) => l.text)).toEqual(['解放路', '人民路']);
  });

  it('labels the same street again where its pieces are far apart', () => {
    const labels = roadLabels([
      road('解放路', [
        [0, 0],
        [KM_AT_EQUATOR_DEG, 0],
      ]),
      road('解放路', [
        [0.05, 0],
        [0.05 + KM_AT_EQUATOR_DEG, 0],
      ]),
    ]);
    expect(labels).toHaveLength(2);
  });
});

describe('bounds of features', () => {
  it('is null for no features', () => {
    expect(boundsOf([])).toBeNull();
  });

  it('spans every feature as [[minLng, minLat], [maxLng, maxLat]]', () => {
    expect(
      boundsOf([
        road('a', [
          [109.4, 24.3],
          [109.5, 24.35],
        ]),
        road('b', [
          [109.45, 24.2],
          [109.46, 24.4],
        ]),
      ]),
    ).toEqual([
      [109.4, 24.2],
      [109.5, 24.4],
    ]);
  });

  it('takes a feature’s own bbox, and frames a feature listed without its outline by it alone', () => {
    const bare: Feature<null> = { type: 'Feature', bbox: [109.2, 24.1, 109.3, 24.15], geometry: null, properties: {} };
    expect(boundsOf([bare])).toEqual([
      [109.2, 24.1],
      [109.3, 24.15],
    ]);
    expect(
      boundsOf([
        bare,
        road('a', [
          [109.4, 24.3],
          [109.5, 24.35],
        ]),
      ]),
    ).toEqual([
      [109.2, 24.1],
      [109.5, 24.35],
    ]);
    // No outline and no box: nothing to frame.
    expect(boundsOf([{ ...bare, bbox: undefined }])).toBeNull();
  });
});

/** A square `side` degrees wide with its south-west corner at 109 °E 24 °N. */
function square(side: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [109, 24],
        [109 + side, 24],
        [109 + side, 24 + side],
        [109, 24 + side],
        [109, 24],
      ],
    ],
  };
}

describe('labels drawn from the zoom where their shape holds them', () => {
  it('finds the zoom at which a width in degrees spans a width in pixels (512-pixel world at zoom 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 2_000 }), (microDeg, px) => {
        const widthDeg = microDeg / 1e4;
        const zoom = zoomSpanningPx(widthDeg, px);
        expect((512 * 2 ** zoom * widthDeg) / 360).toBeCloseTo(px, 6);
      }),
    );
    expect(zoomSpanningPx(0, 10)).toBe(Infinity);
  });

  it('measures CJK names at one em a character and Latin ones at about 0.6', () => {
    expect(labelWidthPx('和平街道', 16)).toBe(64);
    expect(labelWidthPx('Heping', 10)).toBeCloseTo(36, 9);
    expect(subdistrictLabelWidthPx('和平街道')).toBe(64 + 12);
  });

  it('names a sub-district 1.1 km wide from about zoom 12.4, and one ten times wider 3.3 zoom levels earlier', () => {
    const small = polygonLabel('和平街道', square(KM_AT_EQUATOR_DEG), 76);
    const large = polygonLabel('和平街道', square(10 * KM_AT_EQUATOR_DEG), 76);
    // 76 px = 0.01° × 512 × 2^z / 360 → z = log2(76 × 360 / 5.12) ≈ 12.38
    expect(small.minZoom).toBeCloseTo(Math.log2((76 * 360) / (512 * 0.01)), 9);
    expect(small.minZoom! - large.minZoom!).toBeCloseTo(Math.log2(10), 9);
    expect(labelsAt([small, large], 12)).toEqual([large]);
    expect(labelsAt([small, large], 12.5)).toEqual([small, large]);
    expect(labelsAt([{ text: 'always', position: [0, 0] }], 0)).toHaveLength(1);
  });

  it('places a label known by its point and box (a sub-district listed without its outline) as its outline would', () => {
    const side = 3 * KM_AT_EQUATOR_DEG;
    const fromOutline = polygonLabel('和平街道', square(side), 76);
    expect(placedLabel('和平街道', fromOutline.position, [109, 24, 109 + side, 24 + side], 76)).toEqual(fromOutline);
    expect(placedLabel('和平街道', [109, 24], undefined, 76)).toEqual({ text: '和平街道', position: [109, 24] });
  });

  it('redraws the deck layers at each half zoom and where labels or tiled facilities appear, and nowhere else', () => {
    const steps = Array.from({ length: 24 }, (_, i) => 8 + i / 2);
    const bands = steps.map(deckZoomBand);
    expect(new Set(bands).size).toBe(steps.length);
    for (const zoom of steps) expect(deckZoomBand(zoom + 0.49)).toBe(deckZoomBand(zoom));
    // The low bits still say which labels and whether a tiled city's facilities are drawn.
    expect([11.9, 12, 13.9, 14, 16.4, 16.5].map((z) => deckZoomBand(z) % 8)).toEqual([0, 2, 2, 3, 3, 5]);
  });
});
