/**
 * The ledger records of the estates: codes in reading order, addresses on the nearest street,
 * names, property types, management, willingness and notes. The figures come from
 * ledger-totals.ts; this stage adds the words.
 */
import type { HazardLevel, PropertyType } from '../core/estate.js';
import { shuffled } from '../core/prng.js';
import type { AdminUnits } from './admin-units.js';
import {
  chineseNumber,
  GENERAL_NOTES,
  NEW_ESTATE_SUFFIXES,
  NEW_ESTATE_WORDS,
  OLD_ESTATE_SUFFIXES,
  OWNER_UNITS,
  PLACE_WORDS,
  UniqueNamer,
  URGENT_NOTES,
} from './city-names.js';
import { intBetween, pick, type Rng } from './city-random.js';
import type { DemoEstateProperties } from './demo-city-types.js';
import type { EstateDraft } from './estate-sites.js';
import type { LedgerTotals } from './ledger-totals.js';
import { nearestStreet, type RingMeasure, type RoadNames } from './road-network.js';
import type { StreetGrid } from './street-grid.js';

/** Cumulative shares: the first entry whose bound exceeds a uniform draw wins. */
type PropertyTypeShares = readonly (readonly [number, PropertyType])[];

export interface EstateRecordOptions {
  /** Start of every estate code (`CZ-001`). */
  codePrefix: string;
  /** Fewest digits of the number in an estate code. */
  codeDigits: number;
  /** Within a community, codes run in rows of this depth from north to south, metres. */
  codeRowM: number;
  /** House numbers rise by one pair per this many metres along the street. */
  houseNumberStepM: number;
  /** Property types of eligible (old) estates. */
  oldPropertyTypes: PropertyTypeShares;
  /** Property types of the newer estates. */
  newPropertyTypes: PropertyTypeShares;
  /** Most notes of one estate. */
  maxNotes: number;
}

export const DEFAULT_ESTATE_RECORD_OPTIONS: Readonly<EstateRecordOptions> = {
  codePrefix: 'CZ-',
  codeDigits: 3,
  codeRowM: 150,
  houseNumberStepM: 12,
  oldPropertyTypes: [
    [0.45, 'housing_reform'],
    [0.75, 'unit_managed'],
    [0.92, 'mixed'],
    [1, 'commercial'],
  ],
  newPropertyTypes: [
    [0.78, 'commercial'],
    [0.93, 'mixed'],
    [1, 'unit_managed'],
  ],
  maxNotes: 3,
};

/** One estate's ledger record; `draft` is its index among the drafts. */
export interface EstateRecord {
  draft: number;
  properties: DemoEstateProperties;
}

export interface EstateRecords {
  /** In code order. */
  records: EstateRecord[];
  /** Names by draft index. */
  names: string[];
}

/** What the stage needs to place and name estates. */
export interface EstateRecordInput {
  drafts: readonly EstateDraft[];
  grid: StreetGrid;
  roadNames: RoadNames;
  ringMeasure: RingMeasure;
  admin: AdminUnits;
  totals: LedgerTotals;
}

/** The stage's running state: names and addresses already taken, shuffled word lists. */
interface Recorder extends EstateRecordInput {
  rng: Rng;
  options: EstateRecordOptions;
  estateNamer: UniqueNamer;
  addresses: Set<string>;
  oldWords: string[];
  units: (typeof OWNER_UNITS)[number][];
}

type OwnerUnit = Recorder['units'][number];

/**
 * Stage: the ledger records of the estates, in code order (community, then rows north to south,
 * then west to east).
 * @example recordEstates(stageRng(seed, 'estateRecords'), input).records[0]?.properties.code // 'CZ-001'
 */
export function recordEstates(
  rng: Rng,
  input: EstateRecordInput,
  options: EstateRecordOptions = DEFAULT_ESTATE_RECORD_OPTIONS,
): EstateRecords {
  const { drafts } = input;
  const { cellCommunity } = input.admin;
  const sortOrder = drafts
    .map((d, i) => ({ i, community: cellCommunity[d.cell] ?? 0, row: -Math.round(d.centroid[1] / options.codeRowM), u: d.centroid[0] }))
    .sort((a, b) => a.community - b.community || a.row - b.row || a.u - b.u || a.i - b.i);
  const codeWidth = Math.max(options.codeDigits, String(drafts.length).length);
  const recorder: Recorder = {
    ...input,
    rng,
    options,
    estateNamer: new UniqueNamer(),
    addresses: new Set<string>(),
    oldWords: shuffled(PLACE_WORDS, rng),
    units: shuffled(OWNER_UNITS, rng),
  };
  const names: string[] = new Array<string>(drafts.length).fill('');
  const records = sortOrder.map(({ i }, rank): EstateRecord => {
    const properties = recordEstate(recorder, i, `${options.codePrefix}${String(rank + 1).padStart(codeWidth, '0')}`);
    names[i] = properties.name;
    return { draft: i, properties };
  });
  return { records, names };
}

/** The record of draft `i`; draws from the stream in a fixed order (type, unit, name, management, willingness, notes). */
function recordEstate(recorder: Recorder, i: number, code: string): DemoEstateProperties {
  const { rng, totals } = recorder;
  const draft = recorder.drafts[i] as EstateDraft;
  const isOld = totals.eligible[i] === true;
  const r = rng();
  const propertyType = shareOf(isOld ? recorder.options.oldPropertyTypes : recorder.options.newPropertyTypes, r);
  const unit =
    propertyType === 'housing_reform' || propertyType === 'unit_managed' || (propertyType === 'mixed' && rng() < 0.6)
      ? recorder.units[Math.floor(rng() * recorder.units.length)]
      : undefined;
  const { address, stem } = streetAddress(recorder, draft);
  const name = estateName(recorder, { unit, propertyType, isOld, address, stem });
  const hasPropertyManagement = isOld ? rng() < (propertyType === 'commercial' ? 0.8 : 0.25) : rng() < 0.92;
  const hasOwnersCommittee = rng() < (isOld ? (hasPropertyManagement ? 0.4 : 0.15) : 0.45);
  const isUrgent = totals.urgent.has(i);
  const hazard = totals.hazardLevel[i] ?? 'none';
  const willingnessPct = isOld
    ? rng() < 0.12
      ? null
      : isUrgent
        ? intBetween(rng, 75, 98)
        : intBetween(rng, 50, 95)
    : rng() < 0.75
      ? null
      : intBetween(rng, 20, 70);
  const notes = estateNotes(rng, { isOld, isUrgent, hazard, hasPropertyManagement, propertyType, buildings: totals.buildings[i] ?? 1 });
  const { districts, subdistricts, communities, cellDistrict, cellSubdistrict, cellCommunity } = recorder.admin;
  return {
    code,
    name,
    address,
    districtCode: districts[cellDistrict[draft.cell] ?? -1]?.code ?? '',
    subdistrictCode: subdistricts[cellSubdistrict[draft.cell] ?? -1]?.code ?? '',
    communityCode: communities[cellCommunity[draft.cell] ?? -1]?.code ?? '',
    yearBuilt: totals.yearBuilt[i] ?? 2000,
    buildings: totals.buildings[i] ?? 1,
    households: totals.households[i] ?? 0,
    floorAreaM2: totals.floorAreaM2[i] ?? 0,
    propertyType,
    originalOwnerUnit: unit?.full ?? '',
    hasPropertyManagement,
    hasOwnersCommittee,
    urgent: isUrgent,
    hazardLevel: hazard,
    willingnessPct,
    notes: notes.slice(0, recorder.options.maxNotes).join('；'),
  };
}

function shareOf(shares: PropertyTypeShares, r: number): PropertyType {
  for (const [bound, type] of shares) if (r < bound) return type;
  const last = shares[shares.length - 1];
  if (last === undefined) throw new Error('Property type shares are empty; list at least one [bound, type].');
  return last[1];
}

/** A free house number on the nearest street: even on one side, odd on the other. */
function streetAddress(recorder: Recorder, draft: EstateDraft): { address: string; stem: string } {
  const { grid, roadNames, ringMeasure, addresses } = recorder;
  const cell = grid.cells[draft.cell];
  if (cell === undefined) throw new Error('Estate outside the street grid.');
  const street = nearestStreet(grid, roadNames, ringMeasure, cell, draft.centroid);
  let number = 2 * Math.floor(street.alongM / recorder.options.houseNumberStepM) + (street.side > 0 ? 2 : 1);
  while (addresses.has(`${street.name}${number}号`)) number += 2;
  const address = `${street.name}${number}号`;
  addresses.add(address);
  return { address, stem: street.name.replace(/(路|街|大道)$/, '') };
}

interface NameHints {
  unit: OwnerUnit | undefined;
  propertyType: PropertyType;
  isOld: boolean;
  address: string;
  stem: string;
}

/** A unique name: a work unit's dormitory, an address compound, an old place name or a developer's name. */
function estateName(recorder: Recorder, hints: NameHints): string {
  const { rng, estateNamer, oldWords } = recorder;
  const { unit, propertyType, isOld, address, stem } = hints;
  const style = rng();
  if (unit !== undefined && style < (propertyType === 'unit_managed' ? 0.7 : 0.45)) {
    return estateNamer.take(`${unit.short}宿舍`, (k) => `${unit.short}${chineseNumber(k)}宿舍`);
  } else if (isOld && style > 0.8 && !estateNamer.has(`${address}院`)) {
    return estateNamer.take(`${address}院`);
  } else if (isOld) {
    const word = stem.length === 2 && rng() < 0.4 ? stem : (oldWords[Math.floor(rng() * oldWords.length)] as string);
    const base = `${word}${pick(rng, OLD_ESTATE_SUFFIXES)}`;
    return estateNamer.take(base, (k) => `${base}${chineseNumber(k)}区`);
  }
  const base = `${pick(rng, NEW_ESTATE_WORDS)}${pick(rng, NEW_ESTATE_SUFFIXES)}`;
  return estateNamer.take(base, (k) => `${base}${chineseNumber(k)}期`);
}

interface NoteHints {
  isOld: boolean;
  isUrgent: boolean;
  hazard: HazardLevel;
  hasPropertyManagement: boolean;
  propertyType: PropertyType;
  buildings: number;
}

/** The surveyor's notes, most telling first. */
function estateNotes(rng: Rng, hints: NoteHints): string[] {
  const { isOld, isUrgent, hazard, hasPropertyManagement, propertyType, buildings } = hints;
  const notes: string[] = [];
  if (isUrgent) {
    const first = pick(rng, URGENT_NOTES);
    notes.push(first);
    const second = pick(rng, URGENT_NOTES);
    if (second !== first && rng() < 0.5) notes.push(second);
  }
  if (hazard !== 'none') notes.push(`${intBetween(rng, 1, buildings)}号楼经鉴定为${hazard}级危房`);
  if (isOld && !hasPropertyManagement && rng() < 0.5) notes.push('无物业管理，居民自治');
  if (propertyType === 'mixed' && rng() < 0.5) notes.push('房改房与商品房混合，产权分散');
  if (rng() < (isOld ? 0.35 : 0.12)) notes.push(pick(rng, GENERAL_NOTES));
  return notes;
}
