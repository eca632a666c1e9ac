/** Names and sub-districts proposed for a new zone: pure, from the members' ledger records. */
import type { Language } from '../../shared/i18n/languages';

interface MemberPlace {
  subdistrict: string | null;
}

interface SubdistrictRef {
  code: string;
  name: string;
}

/**
 * The sub-district all members share, as its code; null when they differ or one is unknown.
 * @example commonSubdistrictCode([{ subdistrict: '水上街道' }], [{ code: 'S05', name: '水上街道' }]) // 'S05'
 */
export function commonSubdistrictCode(members: readonly MemberPlace[], subdistricts: readonly SubdistrictRef[]): string | null {
  const names = new Set(members.map((m) => m.subdistrict));
  const [only] = names;
  if (names.size !== 1 || !only) return null;
  return subdistricts.find((s) => s.name === only)?.code ?? null;
}

/** The sub-district most members lie in (the first in order on a tie); null when none is known. */
export function majoritySubdistrict(members: readonly MemberPlace[]): string | null {
  const counts = new Map<string, number>();
  for (const { subdistrict } of members) if (subdistrict) counts.set(subdistrict, (counts.get(subdistrict) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

function nameWith(base: string | null, n: number, language: Language): string {
  if (language === 'zh') return `${base ?? ''}片区${n}`;
  return base ? `${base} zone ${n}` : `Zone ${n}`;
}

/**
 * The first free "<sub-district>片区<n>" (or "<sub-district> zone <n>") not in `taken`, counting from 1.
 * @example nextZoneName('水上街道', 'zh', ['水上街道片区1']) // '水上街道片区2'
 */
export function nextZoneName(base: string | null, language: Language, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const name = nameWith(base, n, language);
    if (!used.has(name)) return name;
  }
}
