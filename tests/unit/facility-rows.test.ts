/**
 * Reading facilities from import files: longitude/latitude columns or Point geometries, the
 * source coordinate system converted (checked against gcoord's forward transform, not our own
 * output), categories named by catalogue id, Chinese name, synonym, OSM category or OSM tag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { facilityRowsOf } from '../../core/facilities/facility-rows.js';
import { facilityTypeOfLabel } from '../../core/facilities/facility-type-labels.js';
import { FACILITY_CATALOGUE } from '../../core/facility-catalogue.js';
import { readImportFile } from '../../core/io/read-import-file.js';
import { fromWgs84 } from '../../core/io/source-crs.js';
import { pointDistanceM } from '../../core/coverage/ellipsoid-distance.js';

function csvFile(name: string, text: string) {
  return { name, bytes: new TextEncoder().encode(text).buffer as ArrayBuffer };
}

describe('facility type labels', () => {
  it('knows every catalogue type by its id, its Chinese name and its English name', () => {
    for (const type of FACILITY_CATALOGUE) {
      expect(facilityTypeOfLabel(type.id)).toBe(type.id);
      expect(facilityTypeOfLabel(type.nameZh)).toBe(type.id);
      expect(facilityTypeOfLabel(` ${type.nameEn.toUpperCase()} `)).toBe(type.id);
    }
  });

  it('reads synonyms, halves of a name, OSM categories and OSM tags', () => {
    expect(facilityTypeOfLabel('生鲜超市')).toBe('fresh_market');
    expect(facilityTypeOfLabel('长者食堂')).toBe('community_canteen');
    expect(facilityTypeOfLabel('supermarket')).toBe('fresh_market');
    expect(facilityTypeOfLabel('amenity=kindergarten')).toBe('kindergarten');
    expect(facilityTypeOfLabel('highway=bus_stop')).toBe('bus_stop');
    expect(facilityTypeOfLabel('amenity=university')).toBeNull();
    expect(facilityTypeOfLabel('火箭发射场')).toBeNull();
    expect(facilityTypeOfLabel('')).toBeNull();
  });
});

describe('facility rows of an import file', () => {
  it('reads a GCJ-02 CSV with 经度/纬度 columns back to WGS84 within 2 m', async () => {
    const truth: [number, number][] = [
      [116.3461643, 40.0026871],
      [109.4155, 24.3084],
    ];
    const shifted = truth.map((p) => fromWgs84({ type: 'Point', coordinates: p }, 'gcj02').coordinates);
    const csv = [
      '名称,设施类型,经度,纬度',
      `阳光幼儿园,幼儿园,${shifted[0]![0]},${shifted[0]![1]}`,
      `东门菜场,农贸市场,${shifted[1]![0]},${shifted[1]![1]}`,
      '无坐标,小学,,',
      '怪东西,火箭发射场,109.4,24.3',
    ].join('\n');
    const rows = facilityRowsOf(await readImportFile(csvFile('高德_设施.csv', csv)), 'gcj02');
    expect(rows.map((r) => [r.name, r.type, r.problem])).toEqual([
      ['阳光幼儿园', 'kindergarten', null],
      ['东门菜场', 'fresh_market', null],
      ['无坐标', 'primary_school', 'no_point'],
      ['怪东西', null, 'unknown_type'],
    ]);
    for (const [i, point] of truth.entries()) {
      const [lng, lat] = rows[i]!.lngLat!;
      expect(pointDistanceM(lng, lat, point[0], point[1])).toBeLessThan(2);
    }
    // The same file read as WGS84 stays where it says (hundreds of metres off in China).
    const asIs = facilityRowsOf(await readImportFile(csvFile('facilities.csv', csv)), 'wgs84');
    expect(asIs[0]!.lngLat).toEqual([shifted[0]![0], shifted[0]![1]]);
  });

  it('maps the OSM extracts of ../shared/realdata onto the catalogue through their category and tags', async () => {
    const bytes = readFileSync(new URL('../fixtures/realdata/cau_facilities.geojson', import.meta.url));
    const table = await readImportFile({
      name: 'cau_facilities.geojson',
      bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    const rows = facilityRowsOf(table, 'wgs84');
    expect(rows).toHaveLength(table.rows.length);
    const mapped = rows.filter((r) => r.problem === null);
    expect(mapped.length).toBeGreaterThan(10);
    for (const row of mapped) {
      const feature = table.rows[row.index]!;
      const geometry = feature.geometry as { type: 'Point'; coordinates: [number, number] };
      expect(row.lngLat).toEqual(geometry.coordinates);
    }
    const busStops = rows.filter((r) => table.rows[r.index]!.values.category === 'bus_stop');
    expect(busStops.every((r) => r.type === 'bus_stop')).toBe(true);
    const metro = rows.filter((r) => table.rows[r.index]!.values.category === 'rail_metro');
    expect(metro.every((r) => r.problem === 'unknown_type')).toBe(true);
  });
});
