/**
 * Keeps the dashboard's answer in step: reloads it when the replay date, the filter or the
 * programme changes, and listens to the server's change events (GET /api/events) so a planner's
 * entry or estate edit elsewhere shows here without a reload.
 */
import { useEffect, useMemo } from 'react';
import { ApiError, CLIENT_ID, fetchDashboard, programmeChangeOf } from '../../api';
import { followEstateChanges, refreshFacilities } from '../../state/load-data';
import { loadZones } from '../../state/load-zones';
import { useAtlasStore } from '../../state/atlas-store';
import { dashboardEstatesParam } from './dashboard-estates';

/** useProgrammeSync as a component that draws nothing, so the changes it subscribes to re-render it alone, not the atlas under its parent. */
export function ProgrammeSync(): null {
  useProgrammeSync();
  return null;
}

export function useProgrammeSync(): void {
  const replayDate = useAtlasStore((s) => s.replayDate);
  const programmeFilter = useAtlasStore((s) => s.programmeFilter);
  const subdistrictCodes = useAtlasStore((s) => s.filter.subdistrictCodes);
  const revision = useAtlasStore((s) => s.programmeRevision);
  const period = useAtlasStore((s) => s.reportingPeriod);
  const data = useAtlasStore((s) => s.data);
  const status = useAtlasStore((s) => s.status);
  const zones = useAtlasStore((s) => s.zones);
  // A string: the same set of estates asks nothing again. Derived here, not in a selector, which
  // would walk every held estate and zone member on each change to the store (3 ms a time).
  const estates = useMemo(() => dashboardEstatesParam({ data, status }, zones), [data, status, zones]);

  useEffect(() => {
    if (estates === undefined) return;
    const controller = new AbortController();
    const { dashboardLoading, dashboardLoaded, dashboardFailed } = useAtlasStore.getState();
    dashboardLoading();
    fetchDashboard({ asOf: replayDate, filter: { ...programmeFilter, subdistrictCodes }, period }, estates, controller.signal)
      .then(dashboardLoaded)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { language } = useAtlasStore.getState();
        dashboardFailed(error instanceof ApiError ? error.messageIn(language) : String(error));
      });
    return () => controller.abort();
  }, [replayDate, programmeFilter, subdistrictCodes, revision, period, estates]);

  useEffect(() => {
    // EventSource reconnects by itself; `ready` after a reconnect reloads what may have been missed.
    const source = new EventSource('/api/events');
    let connectedBefore = false;
    const changed = () => useAtlasStore.getState().programmeChanged();
    // A failed fetch leaves the store as it was: the next change or reconnect tries again.
    const follow = (estateIds: readonly number[]) => void followEstateChanges(estateIds).catch(() => undefined);
    source.addEventListener('programme', (event) => {
      const change = programmeChangeOf(event.data);
      // This tab's own write: the store took its answer already, so the map asks nothing again.
      const followMap = change?.origin !== CLIENT_ID;
      // A facility is no programme figure: the dashboard stays, the map's facilities follow.
      if (change?.kind === 'facilities') return void (followMap && refreshFacilities().catch(() => undefined));
      changed();
      if (change?.kind === 'estates' && followMap) follow(change.estateIds);
      // A zone created, changed or deleted by anyone else: the list is small, so it is asked again whole.
      if (change?.kind === 'zones' && followMap) void loadZones();
    });
    source.addEventListener('ready', () => {
      if (connectedBefore) {
        changed();
        // Which estates changed while the stream was down is not known: all of them may have.
        follow([]);
        void loadZones();
        void refreshFacilities().catch(() => undefined);
      }
      connectedBefore = true;
    });
    return () => source.close();
  }, []);
}
