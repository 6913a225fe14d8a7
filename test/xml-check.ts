/**
 * A small strict check of an XML 1.0 document as the worker writes it (no DTD,
 * no CDATA, no comments), since workerd has no DOMParser: every character is one
 * XML allows, every `&` starts a well-formed reference to an allowed character,
 * attribute values are quoted, and the tags nest under one root. Returns the
 * problems found; an empty array means well-formed.
 */
const ALLOWED = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

const NAME = '[A-Za-z_][\\w.:-]*';
const REFERENCE = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/y;
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*"([^"<]*)"`, 'y');

function checkText(text: string, where: string, problems: string[]): void {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(text);
    if (!m) problems.push(`${where}: a bare & at ${JSON.stringify(text.slice(i, i + 12))}`);
    else if (m[1] || m[2]) {
      const cp = m[1] ? Number(m[1]) : parseInt(m[2]!, 16);
      if (!ALLOWED(cp)) problems.push(`${where}: ${m[0]} refers to a character XML forbids`);
    }
  }
}

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  for (const ch of xml) {
    const cp = ch.codePointAt(0)!;
    if (!ALLOWED(cp)) problems.push(`forbidden character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  let rest = xml.replace(/^<\?xml[^?]*\?>/, '');
  if (rest.length === xml.length) problems.push('no XML declaration');
  const stack: string[] = [];
  let roots = 0;
  while (rest.length) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text.trim() && !stack.length) problems.push(`text outside the root: ${JSON.stringify(text.slice(0, 20))}`);
    checkText(text, `in <${stack.at(-1) ?? ''}>`, problems);
    if (lt === -1) break;
    rest = rest.slice(lt);
    const end = new RegExp(`^</(${NAME})\\s*>`).exec(rest);
    if (end) {
      if (stack.pop() !== end[1]) problems.push(`</${end[1]}> closes nothing open`);
      rest = rest.slice(end[0].length);
      continue;
    }
    const open = new RegExp(`^<(${NAME})`).exec(rest);
    if (!open) {
      problems.push(`a bare < at ${JSON.stringify(rest.slice(0, 12))}`);
      break;
    }
    let at = open[0].length;
    const seen = new Set<string>();
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const attr = ATTRIBUTE.exec(rest);
      if (!attr) break;
      if (seen.has(attr[1]!)) problems.push(`<${open[1]}> repeats ${attr[1]}`);
      seen.add(attr[1]!);
      checkText(attr[2]!, `<${open[1]} ${attr[1]}>`, problems);
      at = ATTRIBUTE.lastIndex;
    }
    const close = /^\s*(\/?)>/.exec(rest.slice(at));
    if (!close) {
      problems.push(`<${open[1]}> is not closed properly at ${JSON.stringify(rest.slice(at, at + 12))}`);
      break;
    }
    if (!stack.length) roots += 1;
    if (!close[1]) stack.push(open[1]!);
    rest = rest.slice(at + close[0].length);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
