/** System fonts only (no CDN): CJK-capable families first so Chinese never falls back to boxes. */
export const UI_FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Helvetica Neue", Arial, sans-serif';
