import { describe, expect, it } from 'vitest';
import { FACILITY_CATALOGUE } from '../../core/facility-catalogue';
import { en } from '../../client/src/shared/i18n/en';
import { facilityTypeName } from '../../client/src/shared/i18n/facility-names';
import { initI18n } from '../../client/src/shared/i18n';
import { zh } from '../../client/src/shared/i18n/zh';
import { UI_FONT_FAMILIES } from '../../client/src/app/theme';

/** Every leaf of a resource tree as [dotted key, value]. */
function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (typeof tree !== 'object' || tree === null) return [[prefix, tree]];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const zhLeaves = new Map(leaves(zh));
const enLeaves = new Map(leaves(en));
const placeholders = (text: unknown) => (typeof text === 'string' ? (text.match(/\{\{\w+\}\}/g) ?? []).sort() : []);
const CJK = /[\u4e00-\u9fff]/;

describe('the UI strings', () => {
  it('have exactly the same keys in Chinese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
    expect([...zhLeaves.keys()]).toEqual(
      expect.arrayContaining(['app.title', 'status.loadFailed', 'status.retry', 'summary.estates', 'legend.tiers.15min']),
    );
  });

  it('are all non-empty strings', () => {
    const bad = [...zhLeaves, ...enLeaves].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const differing = [...zhLeaves.keys()].filter(
      (key) => placeholders(zhLeaves.get(key)).join() !== placeholders(enLeaves.get(key)).join(),
    );
    expect(differing).toEqual([]);
  });

  it('are translated, not copied: the load-failure message differs by language', () => {
    expect(zh.status.loadFailed).toBe('数据加载失败');
    expect(en.status.loadFailed).toBe('Could not load data');
  });

  it('are served by i18next in Chinese first and in English after switching', async () => {
    const i18n = initI18n('zh');
    await i18n.changeLanguage('zh');
    expect(i18n.t('status.retry')).toBe('重试');
    expect(i18n.t('legend.yearRange', { min: 1980, max: 2000 })).toBe('1980年 — 2000年');
    await i18n.changeLanguage('en');
    expect(i18n.t('status.retry')).toBe('Retry');
    expect(i18n.t('units.mu', { value: '7.5' })).toBe('7.5 mu');
  });
});

describe('facility type names', () => {
  it('name every catalogue type in Chinese characters and in English words', () => {
    expect(FACILITY_CATALOGUE.length).toBeGreaterThan(0);
    for (const { id } of FACILITY_CATALOGUE) {
      const nameZh = facilityTypeName(id, 'zh');
      const nameEn = facilityTypeName(id, 'en');
      expect(nameZh, id).toMatch(CJK);
      expect(nameEn, id).toMatch(/^[A-Z][A-Za-z' /-]+$/);
      expect(nameEn, id).not.toBe(id);
    }
  });

  it('gives the catalogue names for a known type', () => {
    expect(facilityTypeName('kindergarten', 'zh')).toBe('幼儿园');
    expect(facilityTypeName('kindergarten', 'en')).toBe('Kindergarten');
  });

  it('falls back to the id for a type the catalogue does not know', () => {
    expect(facilityTypeName('helipad', 'zh')).toBe('helipad');
  });
});

describe('English counts', () => {
  it('say "1 building" and "2 buildings", not "1 buildings"', async () => {
    const i18n = initI18n('en');
    await i18n.changeLanguage('en');
    expect(i18n.t('units.buildings', { count: 1, value: '1' })).toBe('1 building');
    expect(i18n.t('units.buildings', { count: 2, value: '2' })).toBe('2 buildings');
    expect(i18n.t('units.households', { count: 1, value: '1' })).toBe('1 household');
    expect(i18n.t('ledger.totals', { count: 1, value: '1' })).toBe('Total: 1 estate');
    expect(i18n.t('ledger.count', { count: 1, shown: '1', total: '1' })).toBe('1 of 1 estate');
    expect(i18n.t('ledger.count', { count: 1200, shown: '3', total: '1,200' })).toBe('3 of 1,200 estates');
  });

  it('leave Chinese counts without plural forms', async () => {
    const i18n = initI18n('zh');
    await i18n.changeLanguage('zh');
    expect(i18n.t('units.buildings', { count: 1, value: '1' })).toBe('1 栋');
    expect(i18n.t('units.buildings', { count: 5, value: '5' })).toBe('5 栋');
  });
});

describe('UI fonts', () => {
  const families = (stack: string) => stack.split(',').map((f) => f.trim().replace(/"/g, ''));
  const isCjk = (family: string) => /CJK|PingFang|Hiragino|YaHei|Han Sans|WenQuanYi/.test(family);

  it('put a Latin family before every CJK family in English, so ’ is not drawn full-width', () => {
    const en = families(UI_FONT_FAMILIES.en);
    const firstCjk = en.findIndex(isCjk);
    const firstLatin = en.findIndex((f) => ['Segoe UI', 'Roboto', 'Arial', 'Liberation Sans', 'DejaVu Sans'].includes(f));
    expect(firstLatin).toBeGreaterThanOrEqual(0);
    expect(firstLatin).toBeLessThan(firstCjk);
    expect(en.slice(firstCjk)).toEqual(expect.arrayContaining(['Noto Sans CJK SC']));
  });

  it('keep a CJK family before the Linux Latin fallbacks in Chinese', () => {
    const zh = families(UI_FONT_FAMILIES.zh);
    expect(zh.findIndex(isCjk)).toBeLessThan(zh.indexOf('Arial'));
  });
});
