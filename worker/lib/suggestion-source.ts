/**
 * The source of a public suggestion: an http(s) URL, or an official document
 * number (文号) such as 建村〔2017〕178号. A document number is written back in
 * the spelling of the sources table (〔〕 brackets, no spaces), so that an
 * import finds the document by it; anything else is refused.
 */
export type SourceKind = 'url' | 'document_number';

/** Issuer abbreviation, the year in brackets of any common kind, the serial and 号. */
const DOCUMENT_NUMBER = /^([\p{Script=Han}A-Za-z]{1,30})\s*[〔［[【(（]\s*((?:19|20)\d\d)\s*[〕］\]】)）]\s*(\d{1,5})\s*号$/u;

/** Longest URL kept, once percent-encoded (the import's `source_urls` takes 5,000 characters). */
const MAX_STORED_URL = 2000;

export function classifySource(text: string): { kind: SourceKind; value: string } | null {
  const value = text.trim();
  const number = DOCUMENT_NUMBER.exec(value);
  if (number) return { kind: 'document_number', value: `${number[1]}〔${number[2]}〕${number[3]}号` };
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return null;
  try {
    const url = new URL(value);
    // A host with a dot: a page on the web, never localhost or a bare name.
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.') || url.username || url.password) return null;
    // The field's limit counts what was typed; stored is the encoded form, up to 9 times as long: bound that too.
    if (url.href.length > MAX_STORED_URL) return null;
    return { kind: 'url', value: url.href };
  } catch {
    return null;
  }
}
