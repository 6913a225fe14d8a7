/**
 * Imports a published notice from a CSV file through the admin API, the same
 * service (and the same checks, audit and all-or-nothing write) as
 * `POST /api/v1/admin/imports`:
 *
 *   npm run import -- notice.csv [--dry-run] [--local | --remote] [--url URL]
 *
 * --local (default) talks to `npm start` on http://127.0.0.1:8787 (PORT
 * changes the port) with the local development token; --remote talks to
 * TSXZ_API_URL. ADMIN_TOKEN overrides the token and is required with --remote.
 * The same file sent again is not imported twice: its hash is the Idempotency-Key.
 * Exit status: 0 when the file is valid (and, without --dry-run, imported),
 * 1 when it has problems (nothing is written), 2 when the import could not run.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
// The contract's own type (erased at run time: the tool loads no worker code).
import type { ImportReport } from '../worker/schemas/admin.ts';

const LOCAL_TOKEN = 'local-dev-admin-token';
const err = process.stderr;

function usage(message?: string): never {
  if (message) err.write(`${message}\n`);
  err.write('usage: npm run import -- <file.csv> [--dry-run] [--local | --remote] [--url URL]\n');
  process.exit(2);
}

function options(argv: string[]) {
  const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--url');
  if (files.length !== 1) usage(files.length ? 'Give one file.' : 'Give the CSV file of the notice.');
  const remote = argv.includes('--remote');
  if (remote && argv.includes('--local')) usage('Choose --local or --remote, not both.');
  const urlFlag = argv.includes('--url') ? argv[argv.indexOf('--url') + 1] : undefined;
  const base = urlFlag ?? (remote ? process.env.TSXZ_API_URL : `http://127.0.0.1:${process.env.PORT ?? 8787}`);
  if (!base) usage('--remote needs TSXZ_API_URL (or --url): the address of the deployed service.');
  const token = process.env.ADMIN_TOKEN ?? (remote ? undefined : LOCAL_TOKEN);
  if (!token) usage('--remote needs ADMIN_TOKEN: your admin token with the editor role.');
  return { file: files[0]!, dryRun: argv.includes('--dry-run'), base: base.replace(/\/$/, ''), token };
}

/** A progress bar on stderr when it is a terminal; plain lines otherwise (CI, pipes). */
function progress(label: string, total: number) {
  const tty = err.isTTY;
  let last = -1;
  return (done: number) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (pct === last) return;
    last = pct;
    if (tty) {
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      err.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)}%`);
      if (pct === 100) err.write('\n');
    } else if (pct === 100) err.write(`${label}: done\n`);
  };
}

/** The body as a stream, so that the bar follows the upload of a long file. */
function uploadStream(bytes: Uint8Array, onProgress: (sent: number) => void): ReadableStream<Uint8Array> {
  const CHUNK = 16 * 1024;
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes.length) {
        onProgress(bytes.length);
        controller.close();
        return;
      }
      const chunk = bytes.subarray(sent, sent + CHUNK);
      sent += chunk.length;
      controller.enqueue(chunk);
      onProgress(sent);
    },
  });
}

/** A plain-text table whose columns fit their widest cell (CJK characters count double). */
function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.min(60, Math.max(width(h), ...rows.map((r) => width(r[i] ?? '')))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(Math.max(0, widths[i]! - width(c))))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function printReport(report: ImportReport, file: string): void {
  const out = process.stdout;
  out.write(
    `${basename(file)}: ${report.rows} rows, ${report.events.length} events, ${report.memberships_created} towns put on a list${report.dry_run ? ' (dry run: nothing written)' : ''}\n`,
  );
  if (report.problems.length) {
    out.write(`\n${report.problems.length} problem(s); nothing was written:\n\n`);
    out.write(
      `${table(
        ['row', 'column', 'problem', 'detail'],
        report.problems.map((p) => [
          String(p.row || '-'),
          p.column ?? '',
          p.code,
          p.detail + (p.suggestions.length ? ` Did you mean: ${p.suggestions.map((s) => `${s.name} (${s.id})`).join(', ')}?` : ''),
        ]),
      )}\n`,
    );
    return;
  }
  out.write(
    '\n' +
      table(
        ['row', 'event', 'town', 'list', 'status', 'date', 'new on list'],
        report.events.map((e) => [
          String(e.row),
          e.event_id === null ? '-' : String(e.event_id),
          e.town_id,
          e.list_id,
          e.status,
          e.effective_date ?? '',
          e.new_membership ? 'yes' : '',
        ]),
      ) +
      '\n',
  );
}

async function main(): Promise<number> {
  const { file, dryRun, base, token } = options(process.argv.slice(2));
  let bytes: Uint8Array;
  try {
    if (statSync(file).size > 2 * 1024 * 1024) usage(`${file} is larger than 2 MB: split the notice.`);
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    usage(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const bar = progress(`Uploading ${basename(file)}`, bytes.length);
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1/admin/imports?dry_run=${dryRun}`, {
      method: 'POST',
      // The file's own hash as Idempotency-Key: running the tool again on the same file (after a lost
      // reply, say) returns the first import's report instead of importing twice.
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'text/csv; charset=utf-8',
        'Idempotency-Key': `cli-${createHash('sha256').update(bytes).digest('hex')}`,
      },
      body: uploadStream(bytes, bar),
      duplex: 'half',
    } as RequestInit);
  } catch (e) {
    err.write(
      `Cannot reach ${base}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}. Is the service running (npm start)?\n`,
    );
    return 2;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(2);
  const body = (await res.json().catch(() => null)) as
    | (ImportReport & { detail?: string; errors?: { name: string; detail: string }[] })
    | null;
  if (res.status === 200 || res.status === 201) {
    printReport(body!, file);
    if (res.headers.get('Idempotent-Replayed') === 'true')
      err.write('This file was already imported: the report above is that of the first import; nothing more was written.\n');
    else err.write(`${dryRun ? 'Checked' : 'Imported'} in ${seconds} s.\n`);
    return body!.valid ? 0 : 1;
  }
  if (res.status === 422 && body?.errors) {
    // A real run refuses a file with problems whole; show them as the dry run would.
    err.write(`${body.detail}\n\n`);
    err.write(
      `${table(
        ['where', 'detail'],
        body.errors.map((e) => [e.name, e.detail]),
      )}\n`,
    );
    return 1;
  }
  err.write(`The service answered ${res.status}: ${body?.detail ?? res.statusText}\n`);
  return 2;
}

process.exitCode = await main();
