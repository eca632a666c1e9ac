/** A project's items or funding rows: loaded, reloaded after a write here or a change announced by the server, written with a message on refusal. */
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ProjectRef } from '../../../../core/contract/index';
import { ApiError } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';

export function useProjectRows<Row>(project: ProjectRef, fetchRows: (project: ProjectRef, signal?: AbortSignal) => Promise<Row[]>) {
  const { message } = AntApp.useApp();
  const revision = useAtlasStore((s) => s.programmeRevision);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  // The ref is a fresh object each render: depend on what it names.
  const key = 'estateId' in project ? `estate:${project.estateId}` : `zone:${project.zoneId}`;

  useEffect(() => {
    const controller = new AbortController();
    const [kind, id] = key.split(':') as ['estate' | 'zone', string];
    fetchRows(kind === 'estate' ? { estateId: Number(id) } : { zoneId: Number(id) }, controller.signal)
      .then(setRows)
      .catch(() => setRows([]));
    return () => controller.abort();
  }, [key, fetchRows, revision]);

  /** Runs a write; the server's change event (and this call) reload the rows and the dashboard. */
  const write = useCallback(
    async (action: () => Promise<void>): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        useAtlasStore.getState().programmeChanged();
        return true;
      } catch (error) {
        const { language } = useAtlasStore.getState();
        void message.error(error instanceof ApiError ? error.messageIn(language) : String(error));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  return { rows, busy, write };
}
