/**
 * A stable function that shows an error message in the current language. An effect that loads
 * something calls it on failure without listing `t` among its dependencies: a language switch
 * changes `t`, and must not load everything again.
 */
import { App as AntApp } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function useErrorNotice(text: (t: TFunction) => string): () => void {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const show = useRef<() => void>(() => undefined);
  useEffect(() => {
    show.current = () => void message.error(text(t));
  });
  return useCallback(() => show.current(), []);
}
