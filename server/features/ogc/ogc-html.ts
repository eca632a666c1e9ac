/**
 * The HTML of the OGC API pages (Part 1 recommends HTML beside JSON): one renderer for every answer,
 * so a person can browse what QGIS reads — landing page, conformance, collections, a page of
 * features, one feature — with every link leading to the HTML of the linked page. Every value is
 * escaped: names come from planners and imports. No script and no inline style (the CSP forbids both).
 */
import type { Bilingual } from '../../../core/ledger-fields.js';
import type { Link } from './ogc.service.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The same URL asking for HTML. */
export function htmlHref(href: string): string {
  const url = new URL(href);
  url.searchParams.set('f', 'html');
  return url.toString();
}

const WORDS = {
  links: { zh: '链接', en: 'Links' },
  collections: { zh: '图层', en: 'Collections' },
  conformance: { zh: '符合的标准', en: 'Conformance classes' },
  features: { zh: '要素', en: 'Features' },
  matched: { zh: '共 {n} 个，本页 {m} 个', en: '{n} in all, {m} on this page' },
  extent: { zh: '范围', en: 'Extent' },
  property: { zh: '属性', en: 'Property' },
  value: { zh: '值', en: 'Value' },
  items: { zh: '要素列表', en: 'Items' },
  title: { zh: '名称', en: 'Title' },
  description: { zh: '说明', en: 'Description' },
} satisfies Record<string, Bilingual>;

/** What the renderer reads of an OGC answer (anything else in it is left out of the page). */
export interface OgcAnswer {
  title?: string;
  description?: string;
  id?: string | number;
  links?: readonly Link[];
  conformsTo?: readonly string[];
  collections?: OgcAnswer[];
  features?: readonly { id: number; properties: Record<string, unknown> }[];
  properties?: Record<string, unknown>;
  numberMatched?: number;
  numberReturned?: number;
  extent?: { spatial?: { bbox?: number[][] } };
}

function linkList(links: readonly Link[] | undefined): string {
  if (!links?.length) return '';
  const items = links
    .filter((l) => l.rel !== 'alternate' || l.type !== 'text/html')
    .map((l) => {
      const href = l.type === 'text/html' || l.rel === 'alternate' ? l.href : htmlHref(l.href);
      return `<li><a href="${escape(href)}" rel="${escape(l.rel)}">${escape(l.title ?? l.rel)}</a> <small>${escape(l.type)}</small></li>`;
    });
  return `<ul>${items.join('')}</ul>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table border="1" cellpadding="4"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function hrefOf(links: readonly Link[] | undefined, rel: string): string | undefined {
  return links?.find((l) => l.rel === rel)?.href;
}

/** A whole HTML page for an OGC answer; `title` names the page when the answer has none. */
export function ogcHtml(answer: OgcAnswer, title: string, language: keyof Bilingual): string {
  const w = (key: keyof typeof WORDS) => WORDS[key][language];
  const parts: string[] = [`<h1>${escape(answer.title ?? title)}</h1>`];
  if (answer.description) parts.push(`<p>${escape(answer.description)}</p>`);
  if (answer.conformsTo)
    parts.push(`<h2>${w('conformance')}</h2><ul>${answer.conformsTo.map((c) => `<li>${escape(c)}</li>`).join('')}</ul>`);
  if (answer.extent?.spatial?.bbox?.[0]) parts.push(`<p>${w('extent')}: ${escape(answer.extent.spatial.bbox[0].join(', '))}</p>`);
  if (answer.collections) {
    const rows = answer.collections.map((c) => {
      const items = hrefOf(c.links, 'items');
      return [
        `<a href="${escape(htmlHref(hrefOf(c.links, 'self') ?? ''))}">${escape(c.id)}</a>`,
        escape(c.title),
        escape(c.description),
        items ? `<a href="${escape(htmlHref(items))}">${w('items')}</a>` : '',
      ];
    });
    parts.push(`<h2>${w('collections')}</h2>${table(['id', w('title'), w('description'), w('items')], rows)}`);
  }
  if (answer.features) {
    parts.push(
      `<h2>${w('features')}</h2><p>${escape(
        w('matched')
          .replace('{n}', String(answer.numberMatched ?? answer.features.length))
          .replace('{m}', String(answer.numberReturned ?? answer.features.length)),
      )}</p>`,
    );
    const keys = [...new Set(answer.features.flatMap((f) => Object.keys(f.properties)))];
    const self = hrefOf(answer.links, 'self');
    const itemHref = (id: number) => (self ? htmlHref(`${self.split('?')[0] ?? self}/${id}`) : '');
    const rows = answer.features.map((f) => [
      `<a href="${escape(itemHref(f.id))}">${escape(f.id)}</a>`,
      ...keys.map((k) => escape(f.properties[k])),
    ]);
    parts.push(table(['id', ...keys], rows));
  } else if (answer.properties) {
    parts.push(
      table(
        [w('property'), w('value')],
        Object.entries(answer.properties).map(([k, v]) => [escape(k), escape(v)]),
      ),
    );
  }
  parts.push(`<h2>${w('links')}</h2>${linkList(answer.links)}`);
  return `<!doctype html><html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(
    answer.title ?? title,
  )}</title></head><body>${parts.join('\n')}</body></html>`;
}
