/**
 * The client's single zustand store, composed of slices whose updaters are pure functions
 * (state, argument) → partial state, so they can be tested without React.
 */
import { create } from 'zustand';
import type { Feature } from 'geojson';
import * as data from './data-slice';
import * as selection from './selection-slice';
import * as view from './view-slice';
import * as ledger from './ledger-slice';
import * as filters from './filter-slice';
import * as auth from './session-slice';
import * as zones from './zone-slice';
import * as coverage from './coverage-slice';
import * as programme from './programme-slice';
import type { AtlasFilter } from './atlas-filter';
import type { FilterState } from './filter-slice';
import type { LedgerState } from './ledger-slice';
import type { ColourBy, ImportPreview, LayerKey, MapViewport } from '../map/map-types';
import type { Language } from '../shared/i18n/languages';
import type { ReportingPeriodKind } from '../../../core/programme/reporting-period';
import type { Bbox } from '../../../core/geometry/bbox';
import type {
  CommunityCollection,
  EstateApiFeature,
  EstateCollection,
  FacilityCollection,
  FacilityFeature,
  SessionInfo,
  Summary,
  ZoneApiFeature,
  ZoneLinkFeature,
  ZoneSuggestion,
} from '../api';
import type { AreaLayers, AtlasData, DataState } from './data-slice';
import type { HoverTarget, SelectionState } from './selection-slice';
import type { ViewState } from './view-slice';
import type { SessionState } from './session-slice';
import type { PickMode, SelectTool, ZonePanelView, ZoneState } from './zone-slice';
import type { CoverageState, MapPlacement, VirtualFacility } from './coverage-slice';
import type { ProgrammeOnlyFilter, ProgrammeState } from './programme-slice';
import type { DashboardAnswer } from '../../../core/contract/index';
import type { IsoDate } from '../../../core/programme/progress-history';
import type { EstateCoverage } from '../../../core/coverage/coverage';
import type { CoverageType } from '../../../core/coverage/coverage-types';
import type { CoverageModel } from '../../../core/contract/coverage';
import type { FacilityTypeId } from '../../../core/facility-catalogue';

export interface AtlasActions {
  selectEstate(id: number | null): void;
  clearSelection(): void;
  setHovered(hovered: HoverTarget | null): void;
  setColourBy(colourBy: ColourBy): void;
  setReachType(typeId: FacilityTypeId): void;
  setMapViewport(viewport: MapViewport): void;
  setLayerVisible(layer: LayerKey, visible: boolean): void;
  setLanguage(language: Language): void;
  /** Changes parts of the one atlas filter (sidebar and ledger alike). */
  setFilter(patch: Partial<AtlasFilter>): void;
  resetFilter(): void;
  setFacilityTypeVisible(typeId: string, visible: boolean): void;
  setAllFacilityTypesVisible(visible: boolean, typeIds: readonly string[]): void;
  dataLoading(): void;
  dataLoaded(value: AtlasData): void;
  dataFailed(message: string): void;
  /** A write's stored estate replaces (or joins) the one in the store; the summary strip follows. */
  estateStored(estate: EstateApiFeature): void;
  estateOpened(estate: EstateApiFeature): void;
  estateRemoved(id: number): void;
  estatesChanged(): void;
  estatesReplaced(estates: EstateCollection): void;
  communitiesLoaded(communities: CommunityCollection): void;
  summaryLoaded(summary: Summary | null): void;
  setLedgerOpen(open: boolean): void;
  setCheckedEstateIds(ids: readonly number[]): void;
  requestFlyTo(estateIds: readonly number[], coveredRightPx?: number | null): void;
  requestFlyToFeatures(features: readonly Feature[], coveredRightPx?: number | null): void;
  setImportPreview(preview: ImportPreview | null): void;
  sessionStarted(session: SessionInfo): void;
  /** Back to the sign-in page: the loaded data and selection go (the next user loads their own); the language stays. */
  sessionEnded(reason: string | null): void;
  pickEstates(ids: readonly number[], mode: PickMode): void;
  clearPicked(): void;
  setSelectTool(tool: SelectTool): void;
  zonesLoaded(zones: readonly ZoneApiFeature[]): void;
  zonesFailed(message: string): void;
  zoneStored(zone: ZoneApiFeature): void;
  zoneRemoved(id: number): void;
  openZone(id: number): void;
  showZonePanel(view: ZonePanelView | null): void;
  setZoneLinks(zoneId: number, links: readonly ZoneLinkFeature[]): void;
  setSuggestions(suggestions: readonly ZoneSuggestion[]): void;
  focusSuggestion(index: number | null): void;
  coverageStarted(): void;
  coverageProgress(progressPct: number): void;
  coverageComputed(
    model: CoverageModel,
    results: readonly EstateCoverage[],
    types: readonly CoverageType[],
    gatesByEstate: ReadonlyMap<number, readonly [number, number][]>,
    trialCount?: number,
  ): void;
  coverageFailed(message: string): void;
  setCoverageModel(model: CoverageModel): void;
  setIncludePlanned(includePlanned: boolean): void;
  setMapPlacement(placement: MapPlacement | null): void;
  placementFailed(message: string): void;
  placeVirtualFacility(lng: number, lat: number): void;
  addVirtualFacilities(facilities: readonly VirtualFacility[]): void;
  selectFacility(id: number | null): void;
  coverageInputsChanged(): void;
  /** A facility write's stored facility replaces (or joins) the one in the store; coverage runs again. */
  facilityStored(facility: FacilityFeature): void;
  facilityRemoved(id: number): void;
  facilitiesReplaced(facilities: FacilityCollection): void;
  areaMerged(area: Bbox, layers: AreaLayers): void;
  facilitiesCleared(): void;
  facilitiesRefreshed(areas: readonly Bbox[], answers: readonly FacilityCollection[]): void;
  clearVirtualFacilities(): void;
  setReplayDate(date: IsoDate | null): void;
  setProgrammeFilter(patch: Partial<ProgrammeOnlyFilter>): void;
  dashboardLoading(): void;
  dashboardLoaded(answer: DashboardAnswer): void;
  dashboardFailed(message: string): void;
  /** The server announced a programme change (or the event stream reconnected): the dashboard reloads. */
  programmeChanged(): void;
  setDashboardOpen(open: boolean): void;
  setReportingPeriod(period: ReportingPeriodKind): void;
}

export type AtlasState = SelectionState &
  ViewState &
  FilterState &
  DataState &
  LedgerState &
  SessionState &
  ZoneState &
  CoverageState &
  ProgrammeState &
  AtlasActions;

export const useAtlasStore = create<AtlasState>()((set) => ({
  ...selection.initialSelection,
  ...view.initialView,
  ...filters.initialFilter,
  ...data.initialData,
  ...ledger.initialLedger,
  ...auth.initialSession,
  ...zones.initialZones,
  ...coverage.initialCoverage,
  ...programme.initialProgramme,
  selectEstate: (id) => set((s) => selection.selectEstate(s, id)),
  clearSelection: () => set(selection.clearSelection()),
  setHovered: (hovered) => set((s) => selection.setHovered(s, hovered)),
  setColourBy: (colourBy) => set((s) => view.setColourBy(s, colourBy)),
  setReachType: (typeId) => set((s) => view.setReachType(s, typeId)),
  setMapViewport: (viewport) => set((s) => view.setMapViewport(s, viewport)),
  setLayerVisible: (layer, visible) => set((s) => view.setLayerVisible(s, layer, visible)),
  setLanguage: (language) => set((s) => view.setLanguage(s, language)),
  setFilter: (patch) => set((s) => filters.setFilter(s, patch)),
  resetFilter: () => set((s) => filters.resetFilter(s)),
  setFacilityTypeVisible: (typeId, visible) => set((s) => view.setFacilityTypeVisible(s, typeId, visible)),
  setAllFacilityTypesVisible: (visible, typeIds) => set((s) => view.setAllFacilityTypesVisible(s, visible, typeIds)),
  dataLoading: () => set(data.dataLoading()),
  dataLoaded: (value) => set((s) => data.dataLoaded(s, value)),
  dataFailed: (message) => set((s) => data.dataFailed(s, message)),
  estateStored: (estate) => set((s) => data.estateStored(s, estate)),
  estateOpened: (estate) => set((s) => data.estateOpened(s, estate)),
  estateRemoved: (id) => set((s) => data.estateRemoved(s, id)),
  estatesChanged: () => set((s) => data.estatesChanged(s)),
  estatesReplaced: (estates) => set((s) => data.estatesReplaced(s, estates)),
  communitiesLoaded: (communities) => set((s) => data.communitiesLoaded(s, communities)),
  summaryLoaded: (summary) => set((s) => data.summaryLoaded(s, summary)),
  setLedgerOpen: (open) => set((s) => ledger.setLedgerOpen(s, open)),
  setCheckedEstateIds: (ids) => set((s) => ledger.setCheckedEstateIds(s, ids)),
  requestFlyTo: (estateIds, coveredRightPx) => set((s) => ledger.requestFlyTo(s, estateIds, coveredRightPx)),
  requestFlyToFeatures: (features, coveredRightPx) => set((s) => ledger.requestFlyToFeatures(s, features, coveredRightPx)),
  setImportPreview: (preview) => set((s) => ledger.setImportPreview(s, preview)),
  sessionStarted: (session) => set((s) => auth.sessionStarted(s, session)),
  sessionEnded: (reason) =>
    set((s) => ({
      ...auth.sessionEnded(s, reason),
      ...data.initialData,
      ...selection.initialSelection,
      ...ledger.initialLedger,
      ...zones.initialZones,
      ...coverage.initialCoverage,
      ...programme.initialProgramme,
    })),
  pickEstates: (ids, mode) => set((s) => zones.pickEstates(s, ids, mode)),
  clearPicked: () => set((s) => zones.clearPicked(s)),
  setSelectTool: (tool) => set((s) => zones.setSelectTool(s, tool)),
  zonesLoaded: (list) => set((s) => zones.zonesLoaded(s, list)),
  zonesFailed: (message) => set((s) => zones.zonesFailed(s, message)),
  zoneStored: (zone) => set((s) => zones.zoneStored(s, zone)),
  zoneRemoved: (id) => set((s) => zones.zoneRemoved(s, id)),
  openZone: (id) => set((s) => zones.openZone(s, id)),
  showZonePanel: (view) => set((s) => zones.showZonePanel(s, view)),
  setZoneLinks: (zoneId, links) => set((s) => zones.setZoneLinks(s, zoneId, links)),
  setSuggestions: (list) => set((s) => zones.setSuggestions(s, list)),
  focusSuggestion: (index) => set((s) => zones.focusSuggestion(s, index)),
  coverageStarted: () => set((s) => coverage.coverageStarted(s)),
  coverageProgress: (pct) => set((s) => coverage.coverageProgress(s, pct)),
  coverageComputed: (model, results, types, gates, trialCount) =>
    set((s) => coverage.coverageComputed(s, model, results, types, gates, trialCount)),
  setCoverageModel: (model) => set((s) => coverage.setCoverageModel(s, model)),
  setIncludePlanned: (includePlanned) => set((s) => coverage.setIncludePlanned(s, includePlanned)),
  setMapPlacement: (placement) => set((s) => coverage.setMapPlacement(s, placement)),
  placementFailed: (message) => set((s) => coverage.placementFailed(s, message)),
  placeVirtualFacility: (lng, lat) => set((s) => coverage.placeVirtualFacility(s, lng, lat)),
  addVirtualFacilities: (facilities) => set((s) => coverage.addVirtualFacilities(s, facilities)),
  clearVirtualFacilities: () => set((s) => coverage.clearVirtualFacilities(s)),
  selectFacility: (id) => set((s) => selection.selectFacility(s, id)),
  coverageInputsChanged: () => set((s) => coverage.coverageInputsChanged(s)),
  facilityStored: (facility) => set((s) => data.facilityStored(s, facility)),
  facilityRemoved: (id) =>
    set((s) => ({ ...data.facilityRemoved(s, id), ...(s.selectedFacilityId === id ? { selectedFacilityId: null } : {}) })),
  facilitiesReplaced: (facilities) => set((s) => data.facilitiesReplaced(s, facilities)),
  areaMerged: (area, layers) => set((s) => data.areaMerged(s, area, layers)),
  facilitiesCleared: () => set((s) => data.facilitiesCleared(s)),
  facilitiesRefreshed: (areas, answers) => set((s) => data.facilitiesRefreshed(s, areas, answers)),
  coverageFailed: (message) => set((s) => coverage.coverageFailed(s, message)),
  setReplayDate: (date) => set((s) => programme.setReplayDate(s, date)),
  setProgrammeFilter: (patch) => set((s) => programme.setProgrammeFilter(s, patch)),
  dashboardLoading: () => set((s) => programme.dashboardLoading(s)),
  dashboardLoaded: (answer) => set((s) => programme.dashboardLoaded(s, answer)),
  dashboardFailed: (message) => set((s) => programme.dashboardFailed(s, message)),
  programmeChanged: () => set((s) => programme.programmeChanged(s)),
  setDashboardOpen: (open) => set((s) => programme.setDashboardOpen(s, open)),
  setReportingPeriod: (period) => set((s) => programme.setReportingPeriod(s, period)),
}));
