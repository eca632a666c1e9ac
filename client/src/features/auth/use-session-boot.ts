/**
 * On load: GET /api/auth/session decides between the atlas and the sign-in page. Afterwards a 401 on
 * any call (the session expired or was ended elsewhere) sends the user back to sign in, with the
 * reason in their language; the language stays, as the store is not reset.
 */
import { useEffect } from 'react';
import { ApiError, fetchSession, isAbortError, setSessionLostHandler } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';

export function useSessionBoot(): void {
  useEffect(() => {
    setSessionLostHandler((error) => {
      const store = useAtlasStore.getState();
      if (store.session) store.sessionEnded(error.code === 'unauthenticated' ? 'session_expired' : error.code);
    });
    const controller = new AbortController();
    fetchSession(controller.signal)
      .then((session) => {
        const store = useAtlasStore.getState();
        if (session) store.sessionStarted(session);
        else store.sessionEnded(null);
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        useAtlasStore.getState().sessionEnded(error instanceof ApiError ? error.code : 'network_error');
      });
    return () => {
      controller.abort();
      setSessionLostHandler(null);
    };
  }, []);
}
