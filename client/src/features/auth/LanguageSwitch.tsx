/** 中文 | English: the one language switch, in the header and on the sign-in page. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { isLanguage, LANGUAGES } from '../../shared/i18n/languages';

export function LanguageSwitch({ size }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const setLanguage = useAtlasStore((s) => s.setLanguage);
  return (
    <Segmented
      size={size}
      data-testid="lang-switch"
      aria-label={t('language.label')}
      value={language}
      options={LANGUAGES.map((lang) => ({ value: lang, label: <span data-testid={`lang-${lang}`}>{t(`language.${lang}`)}</span> }))}
      onChange={(value) => {
        if (typeof value === 'string' && isLanguage(value)) setLanguage(value);
      }}
    />
  );
}
