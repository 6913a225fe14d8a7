/** The `source` object of the API from the joined columns of a query. */
export function sourceRef(id: string | null, title: string | null, documentNumber: string | null) {
  return id && title ? { id, title, document_number: documentNumber } : null;
}
