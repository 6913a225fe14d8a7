import { isStatus, type Status } from '../lib/statuses.ts';
import { xmlText as xml } from '../lib/xml.ts';
import type { FeedChange, FeedEvent, FeedList } from '../services/atom-feed.ts';

/**
 * The feed's words for each status. Longer than the site's badges (web/i18n `statuses`): an entry in a feed
 * reader stands alone, without the page around it, so it says the whole of what the status means.
 */
const STATUS_WORDS: Record<Status, string> = {
  proposed: '公示（拟入选）',
  approved: '入选名单（创建/培育对象）',
  pilot: '试点',
  named: '命名（验收通过）',
  typical: '典型经验',
  retained: '考核合格，保留',
  warned: '警告（含黄牌、警示案例）',
  rectifying: '限期整改',
  downgraded: '降格',
  'elimination-proposed': '拟淘汰',
  eliminated: '淘汰（退出名单）',
  renamed: '更名',
};

interface Entry {
  id: string;
  title: string;
  link: string;
  summary: string;
}

/** A status event in Chinese, with the source document named. */
function eventEntry(origin: string, { event: e, townName, province, listName, sourceTitle, sourceNumber }: FeedEvent): Entry {
  const status = isStatus(e.status) ? STATUS_WORDS[e.status] : e.status;
  const source = sourceTitle ? `依据：${sourceTitle}${sourceNumber ? `（${sourceNumber}）` : ''}。` : '';
  const correction = e.supersedesId ? `更正事件 ${e.supersedesId}。` : '';
  // The feed is written in Chinese: the Chinese note, else the English one.
  return {
    id: `urn:tesexiaozhen:event:${e.id}`,
    title: `${townName}（${province}）：${status} — ${listName}`,
    link: `${origin}/towns/${encodeURIComponent(e.townId)}`,
    summary: `${e.effectiveDate ?? '日期不详'}，${townName}在「${listName}」中的状态：${status}。${correction}${source}${e.noteZh ?? e.note ?? ''}`,
  };
}

/** A list published or edited: one entry per change (its seq), with the counts as they are now. */
function listEntry(origin: string, l: FeedList, seq: number): Entry {
  return {
    id: `urn:tesexiaozhen:list:${l.id}:${seq}`,
    title: `名单：${l.name}（${l.townCount}${l.officialCount !== null ? ` / ${l.officialCount}` : ''} 个小镇）`,
    link: `${origin}/lists/${encodeURIComponent(l.id)}`,
    summary: `${l.name}（${l.nameEn}）${l.documentTitle ? `，${l.documentTitle}` : ''}${l.documentNumber ? `（${l.documentNumber}）` : ''}。已收录 ${l.townCount} 个小镇${l.officialCount !== null ? `，通知所列 ${l.officialCount} 个` : ''}。`,
  };
}

/** The Atom 1.0 document of the latest changes, in Chinese, with links under `origin`. */
export function renderAtomFeed(origin: string, { updated, changes }: { updated: string | null; changes: FeedChange[] }): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<id>urn:tesexiaozhen:changes</id>`,
    '<title>特色小镇名单变更 · Characteristic town list changes</title>',
    `<updated>${xml(updated ?? '1970-01-01T00:00:00.000Z')}</updated>`,
    `<link rel="self" href="${xml(`${origin}/feeds/changes.atom`)}"/>`,
    `<link rel="alternate" href="${xml(`${origin}/`)}"/>`,
    '<author><name>特色小镇开放数据 tesexiaozhen open data</name></author>',
    ...changes.map((c) => {
      const e = c.entity === 'event' ? eventEntry(origin, c.event) : listEntry(origin, c.list, c.seq);
      return [
        '<entry>',
        `<id>${xml(e.id)}</id>`,
        `<title>${xml(e.title)}</title>`,
        `<updated>${xml(c.changedAt)}</updated>`,
        `<link href="${xml(e.link)}"/>`,
        `<summary>${xml(e.summary)}</summary>`,
        '</entry>',
      ].join('');
    }),
    '</feed>',
  ].join('\n');
}
