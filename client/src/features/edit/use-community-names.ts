/**
 * The community names the estate form offers. A tiled city does not load them at start (tens of
 * thousands in a province: megabytes the map never needs); the form asks for them the first time
 * it opens, and the store keeps them for every later form.
 */
import { App as AntApp } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCommunities, isAbortError } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';

/** Whether the names are still on their way (the form's community select shows it is loading). */
export function useCommunityNames(formOpen: boolean): boolean {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const deferred = useAtlasStore((s) => s.data?.communitiesDeferred === true);

  useEffect(() => {
    if (!formOpen || !deferred) return;
    const controller = new AbortController();
    fetchCommunities({ withOutlines: false }, controller.signal)
      .then((communities) => useAtlasStore.getState().communitiesLoaded(communities))
      .catch((error: unknown) => {
        if (!isAbortError(error)) void message.error(t('form.communitiesFailed'));
      });
    return () => controller.abort();
  }, [formOpen, deferred, message, t]);

  return deferred;
}
