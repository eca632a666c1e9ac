/**
 * Districts → sub-districts → communities of the demo city, each a union of grid cells, so that
 * their boundaries follow street centre lines and they tile the city (partition: admin-partition.ts).
 */
import { shuffled } from '../core/prng.js';
import { apportion, partitionCells, type PartitionItem } from './admin-partition.js';
import { DEMO_FIGURES } from './city-figures.js';
import { chineseNumber, COMMUNITY_WORDS, DEMO_DISTRICT, DEMO_SUBDISTRICT_NAMES, PLACE_WORDS, UniqueNamer } from './city-names.js';
import { uniform, type Rng } from './city-random.js';
import type { EstateDraft } from './estate-sites.js';
import { ringCentroid, signedArea, type Point } from './plane-geometry.js';
import type { StreetGrid } from './street-grid.js';

export interface AdminUnitOptions {
  /** Estates per district: a city of up to this many estates has one district (城中区), larger ones one per this many. */
  estatesPerDistrict: number;
  /** Sub-districts of the 117-estate demo city; scaled with the estate count. */
  subdistrictsPerDemoCity: number;
  /** Estates per community that a sub-district aims for (with some noise). */
  estatesPerCommunity: number;
  /** Fewest and most communities of a sub-district (fewer only when it has fewer cells). */
  communitiesPerSubdistrict: readonly [number, number];
}

export const DEFAULT_ADMIN_UNIT_OPTIONS: Readonly<AdminUnitOptions> = {
  estatesPerDistrict: 1500,
  subdistrictsPerDemoCity: 7,
  estatesPerCommunity: 6,
  communitiesPerSubdistrict: [2, 4],
};

/** An administrative unit: its cells and the index of its parent in the level above (−1 for districts). */
export interface AdminUnit {
  code: string;
  name: string;
  cells: number[];
  parent: number;
}

export interface AdminUnits {
  districts: AdminUnit[];
  subdistricts: AdminUnit[];
  communities: AdminUnit[];
  /** Index of each grid cell's unit at each level, −1 outside. */
  cellDistrict: Int32Array;
  cellSubdistrict: Int32Array;
  cellCommunity: Int32Array;
}

/** What the naming and counting of units share while the levels are built. */
interface Builder extends Pick<AdminUnits, 'districts' | 'subdistricts' | 'communities'> {
  rng: Rng;
  options: AdminUnitOptions;
  estatesInCell: Float64Array;
  communityNamer: UniqueNamer;
  communityWords: string[];
  placeWords: string[];
}

/** One item per grid cell, weighted by its estates and (a little) by its area. */
function partitionItems(grid: StreetGrid, estatesInCell: Float64Array): PartitionItem[] {
  const vertices = grid.vertices;
  const cellArea = grid.cells.map((cell) => signedArea(cell.ids.map((id) => vertices[id] as Point)));
  const meanCellArea = cellArea.reduce((a, b) => a + b, 0) / Math.max(1, cellArea.length);
  return grid.cells.map((cell, index) => {
    const [u, v] = ringCentroid(cell.ids.map((id) => vertices[id] as Point));
    const weight = (estatesInCell[index] ?? 0) + (0.25 * (cellArea[index] ?? 0)) / meanCellArea;
    return { cell: index, i: cell.i, j: cell.j, weight, core: (estatesInCell[index] ?? 0) > 0, u, v };
  });
}

/**
 * Stage: the administrative units of the city, from `rng` (names, community counts).
 * @example buildAdminUnits(stageRng(seed, 'adminUnits'), layout.grid, layout.drafts, 117).subdistricts.length // 7
 */
export function buildAdminUnits(
  rng: Rng,
  grid: StreetGrid,
  drafts: readonly EstateDraft[],
  estateCount: number,
  options: AdminUnitOptions = DEFAULT_ADMIN_UNIT_OPTIONS,
): AdminUnits {
  const estatesInCell = new Float64Array(grid.cells.length);
  for (const d of drafts) estatesInCell[d.cell] = (estatesInCell[d.cell] ?? 0) + 1;
  const items = partitionItems(grid, estatesInCell);
  const weightOf = (group: readonly PartitionItem[]): number => group.reduce((sum, it) => sum + it.weight, 0);
  const districtCount = estateCount <= options.estatesPerDistrict ? 1 : Math.round(estateCount / options.estatesPerDistrict);
  const subdistrictTotal = Math.max(
    1,
    Math.min(Math.floor(grid.cells.length / 2), Math.round((estateCount * options.subdistrictsPerDemoCity) / DEMO_FIGURES.estates)),
  );
  const districtGroups = partitionCells(items, districtCount);
  const subdistrictShares = apportion(districtGroups.map(weightOf), Math.max(subdistrictTotal, districtGroups.length), 1);
  const builder: Builder = {
    rng,
    options,
    estatesInCell,
    districts: [],
    subdistricts: [],
    communities: [],
    communityNamer: new UniqueNamer(),
    communityWords: [...shuffled(COMMUNITY_WORDS, rng), ...shuffled(PLACE_WORDS, rng)],
    placeWords: shuffled(PLACE_WORDS, rng),
  };
  const districtNamer = new UniqueNamer();
  districtGroups.forEach((districtItems, d) => {
    const code = d === 0 ? DEMO_DISTRICT.code : String(Number(DEMO_DISTRICT.code) + d);
    const districtWord = builder.placeWords[d % builder.placeWords.length] as string;
    const name =
      d === 0
        ? districtNamer.take(DEMO_DISTRICT.name)
        : districtNamer.take(`${districtWord}区`, (k) => `${districtWord}${chineseNumber(k)}区`);
    builder.districts.push({ code, name, cells: districtItems.map((it) => it.cell), parent: -1 });
    addSubdistricts(builder, d, districtItems, subdistrictShares[d] ?? 1);
  });
  const { districts, subdistricts, communities } = builder;
  return {
    districts,
    subdistricts,
    communities,
    cellDistrict: cellIndex(grid, districts),
    cellSubdistrict: cellIndex(grid, subdistricts),
    cellCommunity: cellIndex(grid, communities),
  };
}

/** The sub-districts of district `d` and their communities. */
function addSubdistricts(builder: Builder, d: number, districtItems: PartitionItem[], share: number): void {
  const { rng, options, estatesInCell, subdistricts, communities, placeWords } = builder;
  const code = (builder.districts[d] as AdminUnit).code;
  const [minCommunities, maxCommunities] = options.communitiesPerSubdistrict;
  const subNamer = new UniqueNamer();
  const groups = partitionCells(districtItems, share);
  groups.forEach((subItems, s) => {
    const subCode = `${code}${String(s + 1).padStart(3, '0')}`;
    const listed = groups.length <= DEMO_SUBDISTRICT_NAMES.length ? DEMO_SUBDISTRICT_NAMES[s] : undefined;
    const word = placeWords[(d * 7 + s) % placeWords.length] as string;
    const subName = listed ?? subNamer.take(`${word}街道`, (k) => `${word}${chineseNumber(k)}街道`);
    const subIndex = subdistricts.length;
    subdistricts.push({ code: subCode, name: subName, cells: subItems.map((it) => it.cell), parent: builder.districts.length - 1 });
    const subEstates = subItems.reduce((sum, it) => sum + (estatesInCell[it.cell] ?? 0), 0);
    // No more communities than the cells with estates allow (so that each community has some).
    const coreCells = subItems.filter((it) => it.core).length;
    const wanted = Math.max(minCommunities, Math.round(subEstates / options.estatesPerCommunity + uniform(rng, -0.8, 0.8)));
    const parts = Math.max(1, Math.min(subItems.length, maxCommunities, Math.max(minCommunities, coreCells), wanted));
    partitionCells(subItems, parts).forEach((commItems, c) => {
      const word = builder.communityWords[communities.length % builder.communityWords.length] as string;
      communities.push({
        code: `${subCode}${String(c + 1).padStart(3, '0')}`,
        name: builder.communityNamer.take(`${word}社区`, (k) => `${word}${chineseNumber(k)}社区`),
        cells: commItems.map((it) => it.cell),
        parent: subIndex,
      });
    });
  });
}

/** The index of each grid cell's unit, −1 where no unit has the cell. */
function cellIndex(grid: StreetGrid, units: readonly AdminUnit[]): Int32Array {
  const index = new Int32Array(grid.cells.length).fill(-1);
  units.forEach((u, k) => u.cells.forEach((c) => (index[c] = k)));
  return index;
}
