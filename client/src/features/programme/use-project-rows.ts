/** An estate's items or funding rows: loaded, reloaded after a write here or a change announced by the server, written with a message on refusal. */
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';

export function useProjectRows<Row>(estateId: number, fetchRows: (estateId: number, signal?: AbortSignal) => Promise<Row[]>) {
  const { message } = AntApp.useApp();
  const revision = useAtlasStore((s) => s.programmeRevision);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchRows(estateId, controller.signal)
      .then(setRows)
      .catch(() => setRows([]));
    return () => controller.abort();
  }, [estateId, fetchRows, revision]);

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
