/** The programme routes' answers: /api/progress, /api/dashboard, /api/plans, /api/items, /api/funding. */
import { z } from 'zod';
import type { FundingSourceId } from '../programme/funding.js';
import type { ProgrammeFigures } from '../programme/programme-figures.js';
import type { EstateIdListing } from '../estate-id-listing.js';
import type { IsoDate, ProgressEntry } from '../programme/progress-history.js';
import type { ReportingPeriod } from '../programme/reporting-period.js';
import type { KeyCount, RenovationCategory } from '../programme/renovation-items.js';
import type { StageDefinition, StageId } from '../programme/stages.js';

/** What items, funding and progress entries belong to: one estate, or a zone (counted for its members by households). */
export type ProjectRef = { estateId: number } | { zoneId: number };

/** One estate on the leaders' map: its derived state on the replay date and what the filter reads. */
export interface EstateProgramme {
  estateId: number;
  stage: StageId;
  progressPct: number;
  /** Date of the entry the stage comes from (null without history). */
  since: IsoDate | null;
  planYear: number | null;
  batch: number | null;
  categories: RenovationCategory[];
  /** Whether the dashboard's filter keeps it. */
  matched: boolean;
}

export interface PlanRecord {
  year: number;
  name: string;
  targetEstates: number | null;
  targetHouseholds: number | null;
  targetFloorAreaM2: number | null;
  targetInvestmentYuan: number | null;
  targetProgressPct: number | null;
  targetProgressDate: IsoDate | null;
  version: number;
  /** Estates in the plan with their batch. */
  estates: { estateId: number; batch: number }[];
}

/**
 * A change event of GET /api/events (`event: programme`): what changed, so a client knows what to
 * reload. `estates` is a ledger record or outline created, edited or deleted; `zones` a zone created,
 * edited or deleted, with its members before and after. An empty `estateIds` names none: any may have
 * changed (an import, or more estates than a PostgreSQL notification carries, 8 000 bytes).
 */
/**
 * The header a browser tab sends with its writes, naming itself: the change it causes comes back on
 * GET /api/events with that `origin`, and the tab that already holds the result asks nothing again.
 */
export const CLIENT_ID_HEADER = 'X-Atlas-Client';
/** What a client id may be; anything else is ignored (the write goes through, announced without origin). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

export const programmeChangeSchema = z.object({
  kind: z.enum(['progress', 'plan', 'items', 'funding', 'stages', 'estates', 'zones', 'facilities']),
  estateIds: z.array(z.number()),
  /** The client id of the tab whose write it was (CLIENT_ID_HEADER), when it sent one. */
  origin: z.string().optional(),
});
export type ProgrammeChange = z.infer<typeof programmeChangeSchema>;

/**
 * Most estates GET /api/dashboard?estates= may list by id: a tiled map asks for those it holds, and
 * 800 ids keep the URL within what Node and nginx accept by default (8 KiB).
 */
export const MAX_DASHBOARD_ESTATE_IDS = 800;

export interface DashboardAnswer extends ProgrammeFigures {
  asOf: IsoDate;
  /** The stage catalogue in force, in order: the map, legend, charts and forms name and colour stages by it. */
  stages: StageDefinition[];
  year: number;
  plan: Omit<PlanRecord, 'estates'> | null;
  /**
   * Every plan year with its batches, ascending, for the filter's choices: from the plans, not from
   * the estates listed (a tiled map's answer lists few or none).
   */
  planBatches: { year: number; batches: number[] }[];
  subdistrictNames: Record<string, string>;
  overTime: { date: IsoDate; started: number; completed: number; completedHouseholds: number }[];
  funding: { source: FundingSourceId; plannedYuan: number; receivedYuan: number }[];
  /** The local subsidy divided between the levels (SUBSIDY_SPLIT). */
  localSubsidy: {
    split: { city: number; district: number };
    planned: { cityYuan: number; districtYuan: number };
    received: { cityYuan: number; districtYuan: number };
  };
  itemCounts: Record<KeyCount, number>;
  itemsByCategory: { category: RenovationCategory; costYuan: number; items: number }[];
  period: ReportingPeriod;
  changes: { estateId: number; name: string; from: StageId; to: StageId }[];
  estates: EstateProgramme[];
  /**
   * Only in an answer cut to a map's estates (`estates=`) while the filter restricts: every estate
   * of the city it keeps, or every one it fades, whichever list is shorter. A tiled map fades by it
   * the estates it does not hold.
   */
  matchedEstates?: EstateIdListing;
  /** Date of the first progress entry (the replay slider's start), or null. */
  historyFrom: IsoDate | null;
}

export type ProgressEntryAnswer = ProgressEntry & { estateName: string };

export interface RenovationItemRecord {
  id: number;
  estateId: number | null;
  zoneId: number | null;
  itemType: string;
  quantity: number;
  unit: string;
  estimatedCostYuan: number;
  note: string;
  /** The day the item was planned: the replay counts it from then. */
  date: IsoDate;
}

export interface FundingRecord {
  id: number;
  estateId: number | null;
  zoneId: number | null;
  source: FundingSourceId;
  plannedYuan: number;
  receivedYuan: number;
  note: string;
  /** The day the amount was planned or received: the replay counts it from then. */
  date: IsoDate;
}

/** The stage catalogue as GET /api/stages answers it; `version` guards administrators' concurrent edits. */
export interface StageCatalogueRecord {
  stages: StageDefinition[];
  version: number;
  /** Stage ids used by at least one progress entry: they cannot be removed. */
  inUse: StageId[];
}
