import { aboutZh } from './zh/about.ts';
import { browseZh } from './zh/browse.ts';
import { dataZh } from './zh/data.ts';
import { resultsZh } from './zh/results.ts';
import { suggestZh } from './zh/suggest.ts';
import { surveyZh } from './zh/survey.ts';

/**
 * Every string of the web site, Chinese first: the site-wide ones here, each area's in zh/ (one file per group of pages).
 * en.ts must have the same shape (checked by the compiler, as is each file of en/ against its zh/ twin).
 */
export const zh = {
  lang: 'zh-CN',
  feedTitle: '特色小镇名单变更',
  siteName: '特色小镇开放数据',
  siteTagline: '官方特色小镇名单、状态变化与满意度调查的开放数据',
  skipToContent: '跳到正文',
  nav: { home: '首页', lists: '名单', stats: '统计', surveys: '满意度调查', data: '数据与接口' },
  switchLanguage: 'English',
  switchLanguageLabel: '切换到英文',
  footer: {
    licence: '数据按知识共享署名 4.0 国际许可协议（CC BY 4.0）开放，请注明“特色小镇开放数据”及各条记录所列的官方来源。',
    licenceLink: 'CC BY 4.0 许可协议',
    privacy: '隐私说明',
    methodology: '统计方法',
    api: '开放接口',
    accessibility: '无障碍声明',
  },
  ...browseZh,
  ...surveyZh,
  ...dataZh,
  ...resultsZh,
  ...aboutZh,
  errorPage: {
    backToForm: '返回问卷',
    firstPage: '回到第一页',
    tooLargeTitle: '提交的内容过大',
    tooLargeText: '一份问卷提交的内容不能超过64 KB，本次提交未被保存。请缩短文字意见后重新填写。',
    forbiddenTitle: '无法接受此提交',
    forbiddenText: '问卷只能从本站的页面提交。本次提交来自其他网站，未被保存。请从本站打开问卷后再提交。',
    badFormTitle: '无法读取提交的内容',
    badFormText: '提交的内容格式有误，未被保存。请从本站打开问卷后再提交。',
    badCursorTitle: '分页链接无效',
    badCursorText: '这个分页链接已失效或被修改，无法显示这一页。请从第一页重新浏览。',
  },
  notFound: { title: '页面不存在', text: '您要找的页面不存在。', home: '返回首页' },
  statuses: {
    proposed: '公示',
    approved: '入选',
    pilot: '试点',
    named: '命名',
    typical: '典型经验',
    retained: '保留',
    warned: '警告',
    rectifying: '整改',
    downgraded: '降格',
    'elimination-proposed': '拟淘汰',
    eliminated: '淘汰',
    renamed: '更名',
  },
  suggest: suggestZh,
  confidence: { high: '高', medium: '中', low: '低' },
  levels: { national: '国家级', provincial: '省级', municipal: '市级', county: '县级' },
} as const;
