/**
 * The API-token screens' wording in both languages. Kept beside the feature rather than in the
 * i18n resources: the typed resources are at the size where TypeScript's instantiation depth gives
 * out on the existing union-key t() calls (EstateLegend, EstatePanel), and these words are used only here.
 */
import type { Bilingual } from '../../../../core/ledger-fields';
import type { Language } from '../../shared/i18n/languages';

const WORDS = {
  title: { zh: 'API 令牌', en: 'API tokens' },
  menu: { zh: 'API 令牌（QGIS / GDAL）', en: 'API tokens (QGIS / GDAL)' },
  intro: {
    zh: '个人 API 令牌供 QGIS、GDAL 和脚本读取数据：它以您的身份和角色读取，但不能修改任何内容。令牌只在创建时显示一次，请妥善保存；不再使用时请撤销。',
    en: 'Personal API tokens let QGIS, GDAL and scripts read the data as you, with your role, but never change anything. A token is shown once, when it is created: keep it safe, and revoke it when it is no longer used.',
  },
  plainHttp: {
    zh: '当前连接未加密（HTTP）。令牌与密码经网络明文传输，可能被截获；请通过 HTTPS 访问后再创建和使用令牌。',
    en: 'This connection is not encrypted (HTTP). Tokens and passwords cross the network readable by anyone on the way; use the app over HTTPS before creating or using a token.',
  },
  name: { zh: '名称', en: 'Name' },
  namePlaceholder: { zh: '用途，例如“QGIS 办公电脑”', en: 'What it is for, e.g. "QGIS on the office PC"' },
  expires: { zh: '有效期至', en: 'Expires' },
  untilRevoked: { zh: '直至撤销', en: 'Until revoked' },
  never: { zh: '长期有效', en: 'Never' },
  create: { zh: '创建令牌', en: 'Create token' },
  usage: {
    zh: '在 QGIS 中添加 OGC API – Features（WFS）连接，地址填本系统的 /ogc，并添加请求头 Authorization: Bearer 加令牌；或在命令行：',
    en: 'In QGIS add an OGC API – Features (WFS) connection to this app’s /ogc with the header Authorization: Bearer and the token; or on the command line:',
  },
  prefix: { zh: '开头', en: 'Starts with' },
  lastUsed: { zh: '最近使用', en: 'Last used' },
  notUsed: { zh: '未使用', en: 'Not used yet' },
  revoke: { zh: '撤销', en: 'Revoke' },
  none: { zh: '还没有令牌', en: 'No tokens yet' },
} satisfies Record<string, Bilingual>;

type WordKey = keyof typeof WORDS;

/** A word in `language`. */
export function tokenWord(key: WordKey, language: Language): string {
  return WORDS[key][language];
}

/** Lifetime choices and messages that carry a value. */
export const tokenPhrases = {
  days: (days: number, language: Language) => (language === 'zh' ? `${days} 天` : `${days} days`),
  createdOnce: (name: string, language: Language) =>
    language === 'zh'
      ? `已创建令牌“${name}”。请立即复制：关闭后将无法再次查看。`
      : `Token "${name}" created. Copy it now: it cannot be shown again.`,
  revokeConfirm: (name: string, language: Language) =>
    language === 'zh'
      ? `撤销令牌“${name}”？使用它的程序将立即无法访问。`
      : `Revoke token "${name}"? Programs using it lose access at once.`,
  revoked: (name: string, language: Language) => (language === 'zh' ? `已撤销令牌“${name}”` : `Token "${name}" revoked`),
};
