/**
 * A synthetic notice for measuring and testing imports: a source document and
 * a list, both marked as synthetic, and CSV rows naming `rows` real towns on
 * that list. Only ever written to a throwaway database (scripts/local-server.ts).
 */
export interface SyntheticNotice {
  csv: string;
  listId: string;
  sourceId: string;
  townIds: string[];
}

async function api(base: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function prepareNotice(
  base: string,
  token: string,
  rows: number,
  listId = 'synthetic-benchmark-list',
): Promise<SyntheticNotice> {
  const source = await api(base, token, 'POST', '/api/v1/admin/sources', {
    title: `合成测试通知（基准测试用，非官方）${listId}`,
    note: 'Synthetic: made by bench/synthetic-notice.ts, never part of the published data.',
  });
  await api(base, token, 'POST', '/api/v1/admin/lists', {
    id: listId,
    name: '合成测试名单（非官方）',
    name_en: 'Synthetic test list (not official)',
    level: 'national',
    kind: 'named',
    source_id: source.id,
    official_count: rows,
  });
  const towns: { id: string; name: string; province: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await api(base, token, 'GET', `/api/v1/towns?limit=500&sort=id${cursor ? `&cursor=${cursor}` : ''}`);
    towns.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  if (towns.length < rows) throw new Error(`only ${towns.length} towns are loaded; a notice of ${rows} needs as many`);
  const picked = towns.slice(0, rows);
  const shared = new Set(
    towns
      .filter((t, i) => towns.findIndex((u) => u.name === t.name && u.province === t.province) !== i)
      .map((t) => `${t.province}|${t.name}`),
  );
  // Names where they identify the town (as staff would type them), ids where two towns share a name.
  const lines = picked.map((t, i) => {
    const town = shared.has(`${t.province}|${t.name}`) ? t.id : t.name;
    return `${town},${t.province},${listId},named,2026-06-${String((i % 28) + 1).padStart(2, '0')},${source.id},合成数据 row ${i + 1}`;
  });
  return {
    csv: `town,province,list,status,effective_date,document,note\n${lines.join('\n')}\n`,
    listId,
    sourceId: source.id,
    townIds: picked.map((t) => t.id),
  };
}
