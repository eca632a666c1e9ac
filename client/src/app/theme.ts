/**
 * System fonts only (no CDN). Chinese text puts CJK families first so it never falls back to boxes;
 * English text puts Latin families first, because a CJK font would draw Latin punctuation such as
 * the apostrophe ’ full-width.
 */
import type { Language } from '../shared/i18n/languages';

const CJK_FAMILIES = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"';
const LATIN_FAMILIES = '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans"';

export const UI_FONT_FAMILIES: Readonly<Record<Language, string>> = {
  zh: `-apple-system, BlinkMacSystemFont, "Segoe UI", ${CJK_FAMILIES}, "Helvetica Neue", Arial, sans-serif`,
  en: `-apple-system, BlinkMacSystemFont, ${LATIN_FAMILIES}, ${CJK_FAMILIES}, sans-serif`,
};
