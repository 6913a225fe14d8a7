import type { Versions } from '../../db/queries/meta.ts';

/**
 * The isolate's copy of the versions (data and results), so that a public read
 * does not ask D1 for them on its path. The promise it keeps (README, "Freshness"):
 * a read reflects every write that completed at least N seconds before it.
 *
 * Why it holds. A refresh reads the versions on the primary and keeps the
 * session's bookmark; its time is taken when it starts, before the query, so a
 * copy of time `t` reflects every write that completed before `t`. A read uses a
 * copy only while it is younger than N; an older one (idle isolate, cold start)
 * is refreshed on the read's path. So for a read at time `r`, the copy is of a
 * time after `r - N`, and every write completed before `r - N` is in it. The read's
 * data session then starts from the copy's bookmark, so the replica that serves
 * the data is at least as new as the versions used for the ETag and the key of the
 * response copy: an entry kept under a version was built from data at least that
 * new, and the version includes the write. A write in this isolate makes the copy
 * unusable at once (`noteWrite`), so this isolate's next read waits for a refresh
 * started after the write. Versions only move forward here (`merge`), so ETags and
 * Last-Modified never go backwards, even if a refresh were to answer an older state
 * (short of a restore of the database, which they follow after a minute).
 */
export interface Copy {
  versions: Versions;
  /** The session's bookmark after the versions were read: a data session started from it sees at least them. */
  bookmark: string | null;
  /** When the refresh that read it started (ms), or -Infinity for versions that came with no freshness proof. */
  readAt: number;
  /** The count of this isolate's writes when the refresh started: a copy from before the latest write is not used. */
  generation: number;
}

/** Reads the versions, on the primary or in a session after a write, with the bookmark it ends at. */
export type VersionReader = () => Promise<{ versions: Versions; bookmark: string | null }>;

export interface Clock {
  now(): number;
}

let copy: Copy | undefined;
let refreshing: { promise: Promise<Copy>; generation: number; startedAt: number } | undefined;
let writes = 0;
let clock: Clock = { now: () => Date.now() };

/**
 * Whether `a` is older than `b`: the data version is the sequence of the latest change, so it orders.
 * The results version is a response id, in no order, and when it changed is the submitting isolate's
 * clock (two submissions committed in the other order than their clocks say would make it go back), so
 * results are not ordered here: they come from the primary, which never answers an older state.
 */
function older(a: Versions, b: Versions): boolean {
  const seq = (v: Versions) => (v.data_version === undefined ? -1 : Number(v.data_version));
  return seq(a) < seq(b);
}

/**
 * How long refreshes must keep answering an older data version before the isolate follows them: the primary goes
 * back only when the database is restored (D1 Time Travel), and then every isolate must follow it, not keep the
 * versions (and response copies) of a history that no longer exists.
 */
const RESTORE_GRACE_MS = 60_000;

/** Since when refreshes have answered older than the copy (undefined while they have not). */
let olderSince: number | undefined;

/**
 * What was read replaces the copy unless it is older: then it is ignored whole,
 * since its bookmark need not cover what the copy has newer (on the primary it
 * cannot happen short of a restore; a later refresh brings the news anyway).
 * `readAt` is -Infinity for versions that did not come from a refresh.
 */
function merge(read: { versions: Versions; bookmark: string | null }, readAt: number, generation: number): Copy {
  if (copy && older(read.versions, copy.versions)) {
    if (readAt === -Infinity) return copy;
    olderSince ??= readAt;
    if (readAt - olderSince < RESTORE_GRACE_MS) return copy;
    // Restored: follow the primary, from scratch.
    copy = undefined;
  }
  if (readAt !== -Infinity) olderSince = undefined;
  copy = {
    versions: read.versions,
    bookmark: read.bookmark ?? copy?.bookmark ?? null,
    readAt: Math.max(copy?.readAt ?? -Infinity, readAt),
    generation: Math.max(copy?.generation ?? -1, generation),
  };
  return copy;
}

function refresh(read: VersionReader): Promise<Copy> {
  const startedAt = clock.now();
  const generation = writes;
  const promise = read().then((r) => merge(r, startedAt, generation));
  const slot = { promise, generation, startedAt };
  refreshing = slot;
  const clear = () => {
    if (refreshing === slot) refreshing = undefined;
  };
  promise.then(clear, clear);
  return promise;
}

/**
 * The versions a public read uses, never older than N ms. Under steady traffic
 * the copy is refreshed in the background (`background`, e.g. waitUntil) once it
 * is older than N/2, one refresh at a time, so no read waits for D1; a copy older
 * than N, or from before this isolate's last write, is refreshed on the path,
 * sharing a refresh already under way if that one started late enough.
 */
export function currentVersions(freshnessMs: number, read: VersionReader, background: (p: Promise<unknown>) => void): Copy | Promise<Copy> {
  const now = clock.now();
  if (copy && copy.generation === writes && now - copy.readAt < freshnessMs) {
    if (now - copy.readAt >= freshnessMs / 2 && !refreshing) background(refresh(read).catch(() => undefined));
    return copy;
  }
  if (refreshing && refreshing.generation === writes && now - refreshing.startedAt < freshnessMs) return refreshing.promise;
  return refresh(read);
}

/**
 * A write in this isolate: the copy is not used again until a refresh that
 * started after it (the next read's, on its path). Reading the new versions in
 * the write's own session in the background instead cost submissions their
 * tail: p99 148 ms → 1.0–1.3 s at 10 connections (bench, 2026-11-26).
 */
export function noteWrite(): void {
  writes += 1;
}

/**
 * Versions read outside the shortcut (a request with a bookmark, or with the
 * shortcut off), with the bookmark of the session that read them. If the copy is
 * newer, it is returned: the request is to be answered at the copy's versions,
 * from the copy's bookmark, so this isolate never answers at a version older than
 * one it has served. (A replica is a prefix of the primary's log: one at an older
 * data version than the copy's has nothing the copy's bookmark lacks, so the
 * client's own writes are still in what it reads.) If they are newer, the copy
 * takes them, with their bookmark, but not their age: they prove nothing about how
 * fresh the copy is. At the same data version the results cannot be ordered (see
 * `older`), and nothing changes.
 */
export function noteVersions(versions: Versions, bookmark: string | null): Copy | undefined {
  if (copy && older(versions, copy.versions)) return copy.bookmark ? copy : undefined;
  if (!copy || older(copy.versions, versions)) merge({ versions, bookmark }, -Infinity, -1);
  return undefined;
}

/** Tests only: a clock they move, and an isolate that starts empty. */
export function resetForTests(testClock?: Clock): void {
  copy = undefined;
  refreshing = undefined;
  olderSince = undefined;
  writes = 0;
  clock = testClock ?? { now: () => Date.now() };
}
