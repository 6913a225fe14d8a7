import { describe, expect, it } from 'vitest';
import { xmlText } from '../../worker/lib/xml.ts';
import { xmlProblems } from '../xml-check.ts';

describe('xmlText (issue 11, finding 9)', () => {
  it('strips every code point outside the XML 1.0 Char production, lone surrogates included', () => {
    const forbidden = [
      '\u0000',
      '\u0001',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u000e',
      '\u001f',
      '\ud800',
      '\udbff',
      '\udc00',
      '\udfff',
      '\ufffe',
      '\uffff',
    ];
    const allowed = ['\t', '\n', '\r', ' ', '\u007f', '\u0085', '\ud7ff', '\ue000', '\ufffd', '😀', '\u{10ffff}', '长'];
    expect(xmlText(forbidden.join('x'))).toBe('x'.repeat(forbidden.length - 1));
    expect(xmlText(allowed.join(''))).toBe(allowed.join(''));
    // A lone surrogate next to a pair: the pair stays, the lone half goes.
    expect(xmlText('\ud83d\ude00\ud83d|\ude00')).toBe('😀|');
    expect(xmlProblems(`<?xml version="1.0"?><a b="${xmlText('"\u0001<&\ud800')}">${xmlText('</a>\uffff&')}</a>`)).toEqual([]);
  });

  it('the checker itself catches what makes a feed unparsable', () => {
    expect(xmlProblems('<?xml version="1.0"?><a>\u0001</a>')).toEqual(['forbidden character U+0001']);
    expect(xmlProblems('<?xml version="1.0"?><a>&#1;</a>')).toHaveLength(1);
    expect(xmlProblems('<?xml version="1.0"?><a>a & b</a>')).toHaveLength(1);
    expect(xmlProblems('<?xml version="1.0"?><a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a x="1" x="2"/>')).toHaveLength(1);
  });
});
