import { remarkNote } from './notes.ts';
import { blank, shortHash } from './text.ts';
import type { DatasetSource } from './types.ts';

const DOCUMENT_NUMBER = /[\p{Script=Han}A-Za-z]*〔\d{4}〕\d+号/u;

/**
 * Official documents, one entry per title. A parenthesis after the title in
 * the data ("… (建村〔2016〕221号)") is a remark about the document, not part
 * of its name, so it goes to the note.
 */
export class SourceRegistry {
  private readonly byId = new Map<string, DatasetSource>();

  get sources(): DatasetSource[] {
    return [...this.byId.values()];
  }

  cite(
    text: string | null | undefined,
    details: { issuer?: string | null; publishedOn?: string | null; urls?: string[]; documentNumber?: string | null } = {},
  ): string | null {
    const raw = blank(text ?? undefined);
    if (!raw || /^(not retrieved|title\/number not retrieved)$/i.test(raw)) return null;
    const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(raw);
    const title = m?.[1] ? m[1] : raw;
    const remark = m?.[1] ? (m[2] ?? null) : null;
    const id = `doc-${shortHash(title)}`;
    const existing = this.byId.get(id);
    const number = details.documentNumber ?? DOCUMENT_NUMBER.exec(raw)?.[0] ?? null;
    if (existing) {
      existing.documentNumber ??= number;
      existing.issuer ??= details.issuer ?? null;
      existing.publishedOn ??= details.publishedOn ?? null;
      if (existing.note === null) ({ en: existing.note, zh: existing.noteZh } = remarkNote(remark));
      for (const url of details.urls ?? []) if (!existing.urls.includes(url)) existing.urls.push(url);
      return id;
    }
    this.byId.set(id, {
      id,
      title,
      documentNumber: number,
      issuer: details.issuer ?? null,
      publishedOn: details.publishedOn ?? null,
      urls: [...new Set(details.urls ?? [])],
      note: remark,
      noteZh: remarkNote(remark).zh,
    });
    return id;
  }
}
