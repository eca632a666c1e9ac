/**
 * How estates are coloured on the map and in the legend, for each "colour by" choice.
 * Pure functions of the estate properties, so the browser test can compute the expected
 * fill colour of an estate the same way the map does.
 */
import type { EstateApiProperties } from '../api';
import type { EstateCoverage } from '../../../core/coverage/coverage';
import type { FacilityTypeId } from '../../../core/facility-catalogue';
import type { ColourBy } from './map-types';
import { estateStatus, type EstateStatus } from '../../../core/estate-status';
import { hexToRgb, interpolateStops, withAlpha, type Rgb, type Rgba } from '../../../core/colour';
import type { EstateProgramme } from '../../../core/contract/index';
import { ESTATE_FILL_ALPHA } from '../../../core/palette-rules';
import { DEFAULT_STAGE, DEFAULT_STAGE_CATALOGUE, STARTED_STAGE, type StageCatalogue, type StageId } from '../../../core/programme/stages';
import type { Bilingual } from '../../../core/ledger-fields';

export const STATUS_COLOURS: Readonly<Record<EstateStatus, Rgb>> = {
  urgent: hexToRgb('#d7301f'),
  eligible: hexToRgb('#f5922f'),
  notEligible: hexToRgb('#7f97b2'),
};

/** Estates outside the filter stay visible as context, faded. */
/** How the map marks estates, the same over deck.gl's estates and MapLibre's tiles. */
export const ESTATE_MARKS = {
  outline: [255, 255, 255, 220],
  selectedOutline: [20, 54, 160, 255],
  hoverOutline: [255, 255, 255, 255],
  /** Laid over the hovered estate's fill (not the selected one's, which its outline marks). */
  hoverFill: [255, 255, 255, 70],
} as const satisfies Record<string, Rgba>;

export const FILTERED_OUT_COLOUR: Rgba = [160, 166, 176, 70];

/** Older estates are darker (more in need); the ramp runs from oldest to newest. */
export const YEAR_RAMP: readonly Rgb[] = ['#67001f', '#b2182b', '#d6604d', '#f4a582', '#fddbc7'].map(hexToRgb);
/**
 * Greens, not blues: a blue ramp met the river's colour and started near-white on the beige land.
 * Its lightest stop still differs from the land by ΔE00 > 15 (tests/unit/client-map-colours.test.ts).
 */
export const HOUSEHOLDS_RAMP: readonly Rgb[] = ['#d9f0a3', '#a1d99b', '#41ab5d', '#1b7837', '#00441b'].map(hexToRgb);
/** A sub-district's share of estates started, on a map too large to draw estates below zoom 12: greens from the same light end, checked against the land. */
export const STARTED_SHARE_RAMP: readonly Rgb[] = ['#ccebc5', '#8fd3a0', '#4eb36b', '#1f8a45', '#005a28'].map(hexToRgb);
/**
 * Sub-district colours, chosen by CIEDE2000 so that, as drawn over the land, each differs from the
 * others by ΔE00 ≥ 10 and from the land, river and boundary lines by ≥ 15 (no boundary purple).
 */
export const CATEGORY_PALETTE: readonly Rgb[] = [
  '#345d02',
  '#d40d2c',
  '#13d0af',
  '#fb7821',
  '#824005',
  '#24b638',
  '#f52692',
  '#b29e16',
  '#0e795f',
  '#f17a7a',
].map(hexToRgb);

export type EstateLegend =
  | {
      kind: 'categories';
      items: {
        key: string;
        label:
          | { i18nKey: 'legend.urgent' | 'legend.eligible' | 'legend.notEligible' | 'legend.gapsPending' }
          | { i18nKey: 'legend.gapBand'; params: { range: string; estates: number; households: number } }
          | { i18nKey: `legend.reach.${ReachBand}`; params: { range: string; estates: number; households: number } }
          | { stage: Bilingual; estates: number; households: number };
        colour: Rgb;
      }[];
    }
  | { kind: 'ramp'; attribute: 'yearBuilt' | 'households'; min: number; max: number; stops: readonly Rgb[] }
  /** Too many to list: the legend names the sub-districts in view, each in `subdistrictColour`. */
  | { kind: 'subdistricts' };

/**
 * The same colouring as a rule over the attributes an estate tile carries (core/tiles/tile-layers.ts),
 * for a map that draws the estates from vector tiles: a lookup by value, a code's last character,
 * the first flag that is set, or a ramp. `fixed` when the colour depends on something tiles do not carry (life-circle results).
 */
export type EstateTileRule =
  | { kind: 'match'; attribute: 'stage'; colours: readonly (readonly [string, Rgb])[]; fallback: Rgb }
  /** The palette colour at the place of the value's last character in `alphabet` (`subdistrictColour`). */
  | { kind: 'codeSlot'; attribute: 'subdistrictCode'; alphabet: string; palette: readonly Rgb[]; fallback: Rgb }
  | { kind: 'flags'; flags: readonly (readonly ['urgent' | 'eligible', Rgb])[]; fallback: Rgb }
  | { kind: 'ramp'; attribute: 'yearBuilt' | 'households'; min: number; max: number; stops: readonly Rgb[]; fallback: Rgb }
  | { kind: 'fixed'; colour: Rgb };

export interface EstateColouring {
  /** The choice this colouring answers. */
  colourBy: ColourBy;
  /** Changes whenever colours change; used as a deck.gl update trigger. */
  key: string;
  colourOf(p: EstateApiProperties): Rgb;
  tileRule: EstateTileRule;
  legend: EstateLegend;
}

/** Bands of the number of life-circle gaps: none, a few, … many; colours from green to dark red. */
export const GAP_BANDS: readonly { min: number; max: number; colour: Rgb }[] = [
  { min: 0, max: 0, colour: hexToRgb('#1a9850') },
  { min: 1, max: 2, colour: hexToRgb('#a6d96a') },
  { min: 3, max: 5, colour: hexToRgb('#fdae61') },
  { min: 6, max: 10, colour: hexToRgb('#e34a33') },
  { min: 11, max: Infinity, colour: hexToRgb('#7f0000') },
];

/** The band of a number of gaps. */
export function gapBandOf(gaps: number): (typeof GAP_BANDS)[number] {
  return GAP_BANDS.find((b) => gaps >= b.min && gaps <= b.max) ?? GAP_BANDS[GAP_BANDS.length - 1]!;
}

/** A colouring before it is labelled with its choice (createEstateColouring adds it). */
type ColouringOf = Omit<EstateColouring, 'colourBy'>;

function gapColouring(estates: readonly EstateApiProperties[], coverage: ReadonlyMap<number, EstateCoverage> | null): ColouringOf {
  const tally = GAP_BANDS.map(() => ({ estates: 0, households: 0 }));
  if (coverage) {
    for (const p of estates) {
      const result = coverage.get(p.id);
      if (!result) continue;
      const band = tally[GAP_BANDS.indexOf(gapBandOf(result.gaps.length))]!;
      band.estates += 1;
      band.households += p.households ?? 0;
    }
  }
  const rangeOf = (b: (typeof GAP_BANDS)[number]): string =>
    b.min === b.max ? String(b.min) : b.max === Infinity ? `≥ ${b.min}` : `${b.min}–${b.max}`;
  return {
    key: `gaps:${coverage ? coverage.size : 'pending'}:${tally.map((t) => t.estates).join(',')}`,
    colourOf: (p) => {
      const result = coverage?.get(p.id);
      return result ? gapBandOf(result.gaps.length).colour : STATUS_COLOURS.notEligible;
    },
    tileRule: { kind: 'fixed', colour: STATUS_COLOURS.notEligible },
    legend: {
      kind: 'categories',
      items: coverage
        ? GAP_BANDS.map((b, i) => ({
            key: `gaps-${b.min}`,
            label: { i18nKey: 'legend.gapBand' as const, params: { range: rangeOf(b), ...tally[i]! } },
            colour: b.colour,
          }))
        : [{ key: 'gaps-pending', label: { i18nKey: 'legend.gapsPending' as const }, colour: STATUS_COLOURS.notEligible }],
    },
  };
}

/** How far an estate is from the nearest facility of one type, against the type's radius. */
export const REACH_BANDS = ['within', 'near', 'far'] as const;
export type ReachBand = (typeof REACH_BANDS)[number];

const REACH_COLOURS: Readonly<Record<ReachBand, Rgb>> = {
  within: hexToRgb('#1a9850'),
  near: hexToRgb('#fdae61'),
  far: hexToRgb('#b2182b'),
};

/**
 * The band of one type's coverage: within the radius, up to twice it, or farther (or none at all).
 * @example reachBandOf({ distanceM: 450, radiusM: 300 }) // 'near'
 */
export function reachBandOf(type: { distanceM: number | null; radiusM: number }): ReachBand {
  if (type.distanceM === null) return 'far';
  if (type.distanceM <= type.radiusM) return 'within';
  return type.distanceM <= 2 * type.radiusM ? 'near' : 'far';
}

function reachColouring(
  estates: readonly EstateApiProperties[],
  coverage: ReadonlyMap<number, EstateCoverage> | null,
  typeId: FacilityTypeId,
): ColouringOf {
  const tally = REACH_BANDS.map(() => ({ estates: 0, households: 0 }));
  let radiusM = 0;
  for (const p of estates) {
    const type = coverage?.get(p.id)?.types[typeId];
    if (!type) continue;
    radiusM = type.radiusM;
    const band = tally[REACH_BANDS.indexOf(reachBandOf(type))]!;
    band.estates += 1;
    band.households += p.households ?? 0;
  }
  const ranges: Record<ReachBand, string> = { within: `≤ ${radiusM}`, near: `${radiusM}–${2 * radiusM}`, far: `> ${2 * radiusM}` };
  return {
    key: `reach:${typeId}:${coverage ? coverage.size : 'pending'}:${tally.map((t) => t.estates).join(',')}`,
    colourOf: (p) => {
      const type = coverage?.get(p.id)?.types[typeId];
      return type ? REACH_COLOURS[reachBandOf(type)] : STATUS_COLOURS.notEligible;
    },
    tileRule: { kind: 'fixed', colour: STATUS_COLOURS.notEligible },
    legend: {
      kind: 'categories',
      items: coverage
        ? REACH_BANDS.map((band, i) => ({
            key: `reach-${band}`,
            label: { i18nKey: `legend.reach.${band}` as const, params: { range: ranges[band], ...tally[i]! } },
            colour: REACH_COLOURS[band],
          }))
        : [{ key: 'gaps-pending', label: { i18nKey: 'legend.gapsPending' as const }, colour: STATUS_COLOURS.notEligible }],
    },
  };
}

/** The programme as the map colours it: each estate's stage on the replay date and the figures per stage. */
export interface ProgrammeColouringInput {
  byEstate: ReadonlyMap<number, EstateProgramme>;
  byStage: readonly { stage: StageId; estates: number; households: number }[];
  /** The stage list in force (an administrator's, from the dashboard's answer). */
  catalogue: StageCatalogue;
}

/** A stage's fill. */
export function stageColour(catalogue: StageCatalogue, stage: StageId): Rgb {
  return hexToRgb(catalogue.definition(stage).colour);
}

function stageColouring(programme: ProgrammeColouringInput | null): ColouringOf {
  const stageOf = (id: number): StageId => programme?.byEstate.get(id)?.stage ?? DEFAULT_STAGE;
  const catalogue = programme?.catalogue ?? DEFAULT_STAGE_CATALOGUE;
  const colours = new Map(catalogue.stages.map((s) => [s.id, hexToRgb(s.colour)]));
  const palette = catalogue.stages.map((s) => s.colour).join('');
  return {
    key: `stage:${palette}:${programme ? programme.byStage.map((s) => s.estates).join(',') : 'pending'}:${programme?.byEstate.size ?? 0}`,
    colourOf: (p) => colours.get(stageOf(p.id)) ?? stageColour(catalogue, stageOf(p.id)),
    // A tile carries today's stage; the default stage's colour stands for any stage the catalogue lost.
    tileRule: { kind: 'match', attribute: 'stage', colours: [...colours], fallback: stageColour(catalogue, DEFAULT_STAGE) },
    legend: {
      kind: 'categories',
      items: catalogue.stages.map((stage) => {
        const row = programme?.byStage.find((s) => s.stage === stage.id);
        return {
          key: `stage-${stage.id}`,
          label: { stage: stage.label, estates: row?.estates ?? 0, households: row?.households ?? 0 },
          colour: colours.get(stage.id)!,
        };
      }),
    },
  };
}

/** The label of an estate on the map: its name, and under construction its physical progress. */
export function stageLabelSuffix(programme: EstateProgramme | undefined): string {
  return programme?.stage === STARTED_STAGE ? ` ${Math.round(programme.progressPct)}%` : '';
}

/**
 * The characters whose place, modulo the palette's length, picks a code's colour by its last
 * character: consecutive codes (450202001, 450202002 …; S01, S02 …), as neighbouring sub-districts
 * are numbered, differ in colour. Case-blind. The tile rule reads the same place with MapLibre's
 * `index-of`, so the map and the legend agree without a list of every code.
 */
export const CODE_SLOT_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A sub-district's colour, from its code alone: it never moves when another sub-district is added,
 * and a province's 10 000 codes need no lookup table. A code ending in another character (a letter
 * outside a–z, a Chinese character) is drawn in the fallback grey-blue.
 * @example subdistrictColour('450202001') // CATEGORY_PALETTE[1]
 */
export function subdistrictColour(code: string): Rgb {
  const last = code.slice(-1).toLowerCase();
  const place = last === '' ? -1 : CODE_SLOT_ALPHABET.indexOf(last);
  return place < 0 ? STATUS_COLOURS.notEligible : (CATEGORY_PALETTE[place % CATEGORY_PALETTE.length] ?? STATUS_COLOURS.notEligible);
}

function extent(values: number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? [min, max] : [0, 0];
}

function ramp(stops: readonly Rgb[], min: number, max: number, value: number): Rgb {
  return interpolateStops(stops, max > min ? (value - min) / (max - min) : 0.5);
}

/** The ledger's own ranges (GET /api/config `estateSource`), for ramps when only some estates are in the browser. */
export interface LedgerRanges {
  yearBuilt: readonly [number, number] | null;
  households: readonly [number, number] | null;
}

/**
 * The colouring for a choice over a set of estates (ramps span the estates' own range, or the
 * ledger's when `ledgerRanges` gives one).
 * @example createEstateColouring('eligibility', estates).colourOf({ ...p, urgent: true }) // STATUS_COLOURS.urgent
 */
export function createEstateColouring(
  colourBy: ColourBy,
  estates: readonly EstateApiProperties[],
  coverage: ReadonlyMap<number, EstateCoverage> | null = null,
  reachTypeId: FacilityTypeId = 'kindergarten',
  programme: ProgrammeColouringInput | null = null,
  ledgerRanges: LedgerRanges | null = null,
): EstateColouring {
  return { colourBy, ...colouringOf(colourBy, estates, coverage, reachTypeId, programme, ledgerRanges) };
}

function colouringOf(
  colourBy: ColourBy,
  estates: readonly EstateApiProperties[],
  coverage: ReadonlyMap<number, EstateCoverage> | null,
  reachTypeId: FacilityTypeId,
  programme: ProgrammeColouringInput | null,
  ledgerRanges: LedgerRanges | null,
): ColouringOf {
  switch (colourBy) {
    case 'stage':
      return stageColouring(programme);
    case 'gaps':
      return gapColouring(estates, coverage);
    case 'reach':
      return reachColouring(estates, coverage, reachTypeId);
    case 'eligibility':
      return {
        key: 'eligibility',
        colourOf: (p) => STATUS_COLOURS[estateStatus(p)],
        tileRule: {
          kind: 'flags',
          flags: [
            ['urgent', STATUS_COLOURS.urgent],
            ['eligible', STATUS_COLOURS.eligible],
          ],
          fallback: STATUS_COLOURS.notEligible,
        },
        legend: {
          kind: 'categories',
          items: [
            { key: 'urgent', label: { i18nKey: 'legend.urgent' }, colour: STATUS_COLOURS.urgent },
            { key: 'eligible', label: { i18nKey: 'legend.eligible' }, colour: STATUS_COLOURS.eligible },
            { key: 'notEligible', label: { i18nKey: 'legend.notEligible' }, colour: STATUS_COLOURS.notEligible },
          ],
        },
      };
    case 'yearBuilt':
    case 'households': {
      const stops = colourBy === 'yearBuilt' ? YEAR_RAMP : HOUSEHOLDS_RAMP;
      const [min, max] = ledgerRanges?.[colourBy] ?? extent(estates.map((p) => p[colourBy]).filter((v): v is number => v !== null));
      return {
        key: `${colourBy}:${min}:${max}`,
        colourOf: (p) => {
          const value = p[colourBy];
          // An estate without a surveyed year has no place on the ramp.
          return value === null ? STATUS_COLOURS.notEligible : ramp(stops, min, max, value);
        },
        tileRule: { kind: 'ramp', attribute: colourBy, min, max, stops, fallback: STATUS_COLOURS.notEligible },
        legend: { kind: 'ramp', attribute: colourBy, min, max, stops },
      };
    }
    case 'subdistrict':
      return {
        // The colour follows from each code alone, so the colouring never changes with the ledger.
        key: 'subdistrict',
        colourOf: (p) => (p.subdistrictCode === null ? STATUS_COLOURS.notEligible : subdistrictColour(p.subdistrictCode)),
        tileRule: {
          kind: 'codeSlot',
          attribute: 'subdistrictCode',
          alphabet: CODE_SLOT_ALPHABET,
          palette: CATEGORY_PALETTE,
          fallback: STATUS_COLOURS.notEligible,
        },
        legend: { kind: 'subdistricts' },
      };
  }
}

/** The fill drawn for an estate: its colour, or the faded context colour when the filter leaves it out. */
export function estateFill(colouring: EstateColouring, p: EstateApiProperties, filteredOut: boolean): Rgba {
  if (filteredOut) return FILTERED_OUT_COLOUR;
  return withAlpha(colouring.colourOf(p), ESTATE_FILL_ALPHA);
}
