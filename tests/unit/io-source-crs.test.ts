import type { Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { fromWgs84, guessSourceCrs, positionToWgs84, toWgs84 } from '../../core/io/source-crs.js';

const EARTH_RADIUS_M = 6_371_008.8;

function haversineM([lng1 = 0, lat1 = 0]: number[], [lng2 = 0, lat2 = 0]: number[]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

/** A 9 × 9 grid of points 0.02° apart around a centre. */
function gridAround([lng, lat]: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = -4; i <= 4; i++) for (let j = -4; j <= 4; j++) out.push([lng + i * 0.02, lat + j * 0.02]);
  return out;
}

describe('coordinate conversion', () => {
  for (const [place, centre] of [
    ['Liuzhou (the demo city)', [109.41, 24.31]],
    ['Beijing', [116.397, 39.909]],
  ] as const) {
    it(`brings WGS84 → GCJ-02 → WGS84 back within 2 m around ${place}`, () => {
      let worstM = 0;
      for (const point of gridAround([centre[0], centre[1]])) {
        const gcj = fromWgs84<Point>({ type: 'Point', coordinates: point }, 'gcj02');
        // the offset itself is hundreds of metres, so the test would notice a no-op
        expect(haversineM(point, gcj.coordinates)).toBeGreaterThan(100);
        const back = toWgs84(gcj, 'gcj02');
        worstM = Math.max(worstM, haversineM(point, back.coordinates));
      }
      expect(worstM).toBeLessThan(2);
    });

    it(`moves WGS84 → BD-09 by Baidu's 0.0065° E, 0.006° N on top of GCJ-02 and brings it back within 2 m around ${place}`, () => {
      let worstM = 0;
      for (const point of gridAround([centre[0], centre[1]])) {
        const gcj = fromWgs84<Point>({ type: 'Point', coordinates: point }, 'gcj02').coordinates;
        const bd = fromWgs84<Point>({ type: 'Point', coordinates: point }, 'bd09').coordinates;
        // BD-09 adds about +0.0065° lng, +0.006° lat to GCJ-02: 840–960 m to the north-east between 24° and 40° N
        expect(bd[0] ?? 0).toBeGreaterThan(gcj[0] ?? 0);
        expect(bd[1] ?? 0).toBeGreaterThan(gcj[1] ?? 0);
        expect(haversineM(gcj, bd)).toBeGreaterThan(800);
        expect(haversineM(gcj, bd)).toBeLessThan(1000);
        const back = toWgs84<Point>({ type: 'Point', coordinates: bd }, 'bd09').coordinates;
        worstM = Math.max(worstM, haversineM(point, back));
      }
      expect(worstM).toBeLessThan(2);
    });
  }

  // Published outputs of wandergis/coordtransform (MIT), test/app.js, for the input (116.404, 39.915).
  it('agrees with published reference values at Tiananmen: WGS84 → GCJ-02 and GCJ-02 → BD-09 within 1 m', () => {
    const gcj = fromWgs84<Point>({ type: 'Point', coordinates: [116.404, 39.915] }, 'gcj02').coordinates;
    expect(haversineM(gcj, [116.41024449916938, 39.91640428150164])).toBeLessThan(1);
    // The WGS84 point whose GCJ-02 is (116.404, 39.915) must land on the published BD-09 of (116.404, 39.915).
    const bd = fromWgs84<Point>({ type: 'Point', coordinates: [116.39775550083061, 39.91359571849836] }, 'bd09').coordinates;
    expect(haversineM(bd, [116.41036949371029, 39.92133699351021])).toBeLessThan(1);
  });

  it('puts Beijing railway station, as published in BD-09 and in GCJ-02, on one WGS84 place about 1.4 km from its BD-09 numbers', () => {
    // The station's coordinates as the documentation of an R converter's bd2gcj() gives them (5 decimals, about 1 m).
    const bd: [number, number] = [116.43351, 39.90851];
    const gcj: [number, number] = [116.42703, 39.90245];
    const fromBd = positionToWgs84(bd, 'bd09');
    const fromGcj = positionToWgs84(gcj, 'gcj02');
    expect(haversineM(fromBd, fromGcj)).toBeLessThan(3);
    expect(haversineM(bd, fromBd)).toBeGreaterThan(1000);
    expect(haversineM(bd, fromBd)).toBeLessThan(1500);
  });

  it('converts a copy and never changes the caller’s geometry', () => {
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109.41, 24.31],
          [109.411, 24.31],
          [109.411, 24.311],
          [109.41, 24.31],
        ],
      ],
    };
    const before = JSON.stringify(polygon);
    const converted = toWgs84(polygon, 'gcj02');
    expect(JSON.stringify(polygon)).toBe(before);
    expect(converted).not.toBe(polygon);
    expect(converted.coordinates[0]?.[0]?.[0]).not.toBe(109.41);
    const same = toWgs84(polygon, 'wgs84');
    expect(same).toEqual(polygon);
    expect(same).not.toBe(polygon);
  });

  it('shifts GCJ-02 coordinates in the demo city by roughly 500–600 m, west and north', () => {
    const [lng, lat] = positionToWgs84([109.41, 24.31], 'gcj02');
    const shiftM = haversineM([109.41, 24.31], [lng, lat]);
    expect(shiftM).toBeGreaterThan(300);
    expect(shiftM).toBeLessThan(800);
  });
});

describe('guessSourceCrs', () => {
  it('reads WGS84 and CGCS2000 from a .prj', () => {
    expect(guessSourceCrs({ prjText: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]' })?.crs).toBe('wgs84');
    const cgcs = guessSourceCrs({ prjText: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"]]' });
    expect(cgcs).toMatchObject({ crs: 'wgs84' });
    expect(cgcs?.reason).toContain('CGCS2000');
  });

  it('takes GCJ-02 or BD-09 from a file name, in Chinese or English, over a WGS84 .prj', () => {
    expect(guessSourceCrs({ fileName: '高德_小区边界.zip' })?.crs).toBe('gcj02');
    expect(guessSourceCrs({ fileName: 'amap-estates.geojson', prjText: 'GEOGCS["GCS_WGS_1984"]' })?.crs).toBe('gcj02');
    expect(guessSourceCrs({ fileName: 'tencent.csv' })?.crs).toBe('gcj02');
    expect(guessSourceCrs({ fileName: '腾讯地图导出.xlsx' })?.crs).toBe('gcj02');
    expect(guessSourceCrs({ fileName: 'baidu_poi.csv' })?.crs).toBe('bd09');
    expect(guessSourceCrs({ fileName: '百度小区.xlsx' })?.crs).toBe('bd09');
    expect(guessSourceCrs({ fileName: 'estates_bd09.json' })?.reason).toContain('BD-09');
  });

  it('asks the user (null) when nothing gives the system away or the sample is not lng/lat', () => {
    expect(guessSourceCrs({ fileName: '台账.xlsx' })).toBeNull();
    expect(guessSourceCrs({})).toBeNull();
    expect(guessSourceCrs({ fileName: 'gaode.zip', sampleLngLat: [437_000, 2_690_000] })).toBeNull();
  });
});
