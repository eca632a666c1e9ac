/** GET /api/zones/:id/detail for the zone shown, again whenever its version changes; its links go to the map. */
import { useEffect, useState } from 'react';
import { fetchZoneDetail, type ZoneDetail } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { zoneErrorText } from './zone-writes';

export type ZoneDetailState = { status: 'loading' } | { status: 'ready'; detail: ZoneDetail } | { status: 'error'; message: string };

export function useZoneDetail(zoneId: number | null, version: number | null): ZoneDetailState {
  // The answer remembers which zone version it is for: anything else is still loading.
  const key = `${zoneId}@${version}`;
  const [answer, setAnswer] = useState<{ key: string; state: ZoneDetailState } | null>(null);
  useEffect(() => {
    if (zoneId === null) return;
    const controller = new AbortController();
    fetchZoneDetail(zoneId, controller.signal).then(
      (detail) => {
        setAnswer({ key, state: { status: 'ready', detail } });
        useAtlasStore.getState().setZoneLinks(zoneId, detail.links);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, state: { status: 'error', message: zoneErrorText(error, useAtlasStore.getState().language) } });
      },
    );
    return () => controller.abort();
  }, [zoneId, key]);
  return answer?.key === key ? answer.state : { status: 'loading' };
}
