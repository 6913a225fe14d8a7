/**
 * The status vocabulary of the notices, as stable codes. `approved`,
 * `retained` and `eliminated` are the three views the public asks for most.
 */
export const STATUSES = [
  'proposed',
  'approved',
  'pilot',
  'named',
  'typical',
  'retained',
  'warned',
  'rectifying',
  'downgraded',
  'elimination-proposed',
  'eliminated',
  'renamed',
] as const;

export type Status = (typeof STATUSES)[number];

/** One line per status, used in the OpenAPI description and on the web site. */
export const STATUS_DESCRIPTIONS: Record<Status, { zh: string; en: string }> = {
  proposed: { zh: '公示（拟入选）', en: 'proposed in a public notice before the final list' },
  approved: { zh: '入选名单（创建/培育对象）', en: 'listed (approved, or taken on as a creation or cultivation object)' },
  pilot: { zh: '试点', en: 'pilot project' },
  named: { zh: '命名（验收通过）', en: 'named: passed acceptance and given the title' },
  typical: { zh: '典型经验', en: 'cited as a typical experience (model case)' },
  retained: { zh: '考核合格，保留', en: 'passed an assessment and retained' },
  warned: { zh: '警告（含黄牌、警示案例）', en: 'warned (including yellow cards and warning cases)' },
  rectifying: { zh: '限期整改', en: 'ordered to rectify within a deadline' },
  downgraded: { zh: '降格', en: 'downgraded (e.g. from creation to cultivation object)' },
  'elimination-proposed': { zh: '拟淘汰', en: 'proposed for elimination' },
  eliminated: { zh: '淘汰（退出名单）', en: 'eliminated from the list' },
  renamed: { zh: '更名', en: 'renamed (e.g. 特色小镇 to 特色小城镇)' },
};

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}
