/** Number, area and date formatting for the UI, per language. */
import type { Language } from './i18n/languages';

/** 1 亩 (mu) is 1/15 hectare, i.e. 666.67 m². */
export const M2_PER_MU = 10000 / 15;

const LOCALES: Readonly<Record<Language, string>> = { zh: 'zh-CN', en: 'en-GB' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

/** One formatter per language and precision: `toLocaleString` with options builds a new one on each call (0.1–0.3 ms). */
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/** @example formatNumber(8593, 'zh') // '8,593' */
export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  const key = `${language}:${fractionDigits}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    NUMBER_FORMATS.set(key, format);
  }
  return format.format(value);
}

/** @example m2ToMu(666.67) // ≈ 1 */
export function m2ToMu(areaM2: number): number {
  return areaM2 / M2_PER_MU;
}

/** Square metres as 万m² (10 000 m²), the unit of the headline figures. @example toWanM2(435000) // 43.5 */
export function toWanM2(areaM2: number): number {
  return areaM2 / 10000;
}

/** A headline area as its figure and unit symbol, to be shown side by side. */
export interface HeadlineArea {
  value: string;
  unit: string;
}

/**
 * A headline area in the unit its readers count in: 万m² (10 000 m², two decimals) in Chinese,
 * whole square metres in English, where "10k m²" is no unit anyone uses.
 * @example formatHeadlineArea(435000, 'zh') // { value: '43.50', unit: '万m²' }
 * @example formatHeadlineArea(435000, 'en') // { value: '435,000', unit: 'm²' }
 */
export function formatHeadlineArea(areaM2: number, language: Language): HeadlineArea {
  return language === 'zh'
    ? { value: formatNumber(toWanM2(areaM2), language, 2), unit: '万m²' }
    : { value: formatNumber(Math.round(areaM2), language), unit: 'm²' };
}

/** ISO timestamp as a local date and time; the raw text when it does not parse. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(LOCALES[language], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Money as leaders read it: 万元 (10 000 yuan) in Chinese, millions of yuan in English.
 * @example formatYuan(1_234_500, 'zh') // '123.5 万元'
 */
export function formatYuan(yuan: number, language: Language): string {
  return language === 'zh' ? `${formatNumber(yuan / 1e4, language, 1)} 万元` : `¥${formatNumber(yuan / 1e6, language, 2)} m`;
}

/** A ratio as a percentage, or a dash when there is none. @example formatPct(0.4567, 'zh') // '45.7%' */
export function formatPct(ratio: number | null, language: Language): string {
  return ratio === null ? '—' : `${formatNumber(ratio * 100, language, 1)}%`;
}
