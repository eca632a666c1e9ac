/** i18next set-up: Chinese by default, English as the alternative; strings live in zh.ts / en.ts. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';
import type { Language } from './languages';

export const resources = {
  zh: { translation: zh },
  en: { translation: en },
} as const;

export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh',
    interpolation: { escapeValue: false },
  });
  return i18next;
}
