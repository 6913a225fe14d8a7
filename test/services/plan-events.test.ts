import { describe, expect, it } from 'vitest';
import type { memberships, statusEvents } from '../../worker/db/schema.ts';
import { STATUSES, type Status } from '../../worker/lib/statuses.ts';
import { type EventInput, planEvents, problem } from '../../worker/services/admin/plan-events.ts';

/*
 * planEvents is the pure rule behind POST /admin/events, /admin/lists/{list}/towns
 * and /admin/imports: given what is stored and what to record, what to write
 * or why not. The HTTP tests (test/api/admin-lists.test.ts, future-events.test.ts)
 * show it through the API; these pin each rule's exact output.
 */

type MembershipRow = typeof memberships.$inferSelect;
type EventRow = typeof statusEvents.$inferSelect;

/** Noon in Beijing on 1 March 2026: today is 2026-03-01, and a status may be scheduled up to 2027-12-31. */
const BY = { actor: 'test-editor', at: '2026-03-01T04:00:00.000Z' };
const TOWN = 'zhejiang-town';
const LIST = 'national-batch-1';
const NOTHING_STORED = { membershipRows: [], eventRows: [], maxMembershipId: 10, maxEventId: 100 };

function input(fields: Partial<EventInput> = {}): EventInput {
  return {
    row: 2,
    townId: TOWN,
    listId: LIST,
    listKind: 'national',
    status: 'approved',
    effectiveDate: '2020-06-01',
    sourceId: 'doc-1',
    statusRaw: null,
    confidence: 'high',
    sourceUrls: ['https://example.org/notice'],
    note: null,
    listedAs: null,
    supersedes: null,
    ...fields,
  };
}

function storedMembership(fields: Partial<MembershipRow> = {}): MembershipRow {
  return {
    id: 1,
    townId: TOWN,
    listId: LIST,
    listedAs: null,
    position: 3,
    confidence: 'high',
    sourceUrls: [],
    note: null,
    noteZh: null,
    currentStatus: 'approved',
    currentSince: '2017-08-01',
    sourceStage: null,
    sourceStageDate: null,
    origin: 'data',
    ...fields,
  };
}

function storedEvent(id: number, status: Status, effectiveDate: string, fields: Partial<EventRow> = {}): EventRow {
  return {
    id,
    membershipId: 1,
    townId: TOWN,
    listId: LIST,
    status,
    statusRaw: null,
    effectiveDate,
    datePrecision: 'day',
    effectiveOn: effectiveDate,
    dateNote: null,
    sourceId: 'doc-0',
    confidence: 'high',
    sourceUrls: [],
    note: null,
    noteZh: null,
    origin: 'data',
    dataKey: `k${id}`,
    supersedesId: null,
    recordedAt: null,
    recordedBy: null,
    suggestionId: null,
    ...fields,
  };
}

/** The town on the list since 2017-08-01, with that entry as its only event. */
const ON_LIST = {
  membershipRows: [storedMembership()],
  eventRows: [storedEvent(5, 'approved', '2017-08-01')],
  maxMembershipId: 10,
  maxEventId: 100,
};

describe('planEvents', () => {
  it('puts a town on a list with an entry: a new membership and its event, numbered after the largest stored ids', () => {
    const plan = planEvents([input({ listedAs: '某某镇', suggestionId: 'sg-1' })], NOTHING_STORED, BY);
    expect(plan).toEqual({
      memberships: [
        {
          id: 11,
          townId: TOWN,
          listId: LIST,
          listedAs: '某某镇',
          position: null,
          confidence: 'high',
          sourceUrls: ['https://example.org/notice'],
          note: null,
          noteZh: null,
          currentStatus: 'approved',
          currentSince: '2020-06-01',
          sourceStage: null,
          sourceStageDate: null,
          origin: 'admin',
        },
      ],
      events: [
        {
          id: 101,
          membershipId: 11,
          townId: TOWN,
          listId: LIST,
          status: 'approved',
          statusRaw: null,
          effectiveDate: '2020-06-01',
          datePrecision: 'day',
          effectiveOn: '2020-06-01',
          dateNote: null,
          sourceId: 'doc-1',
          confidence: 'high',
          sourceUrls: ['https://example.org/notice'],
          note: null,
          noteZh: null,
          origin: 'admin',
          dataKey: null,
          supersedesId: null,
          recordedAt: BY.at,
          recordedBy: 'test-editor',
          suggestionId: 'sg-1',
        },
      ],
      origins: [{ row: 2, newMembership: true }],
      problems: [],
    });
  });

  it('stores a date as precise as the source gives it, in effect from the last day it may mean', () => {
    const [month] = planEvents([input({ effectiveDate: '2020-06' })], NOTHING_STORED, BY).events;
    expect(month).toMatchObject({ effectiveDate: '2020-06', datePrecision: 'month', effectiveOn: '2020-06-30', dateNote: null });
    const [year] = planEvents([input({ effectiveDate: '2019' })], NOTHING_STORED, BY).events;
    expect(year).toMatchObject({ effectiveDate: '2019', datePrecision: 'year', effectiveOn: '2019-12-31', dateNote: null });
  });

  it('records a later status of a town on the list on its membership, creating none', () => {
    const plan = planEvents([input({ status: 'warned', effectiveDate: '2021-01-15' })], ON_LIST, BY);
    expect(plan.problems).toEqual([]);
    expect(plan.memberships).toEqual([]);
    expect(plan.events.map((e) => [e.id, e.membershipId, e.status])).toEqual([[101, 1, 'warned']]);
    expect(plan.origins).toEqual([{ row: 2, newMembership: false }]);
  });

  it('lets only an entry put a town on a list, and a warning only on a list of warning cases', () => {
    const entering = STATUSES.filter((status) => planEvents([input({ status })], NOTHING_STORED, BY).problems.length === 0);
    expect(entering).toEqual(['proposed', 'approved', 'pilot', 'named', 'typical']);
    expect(planEvents([input({ status: 'warned', listKind: 'warning-case' })], NOTHING_STORED, BY).problems).toEqual([]);
    const plan = planEvents([input({ status: 'warned' })], NOTHING_STORED, BY);
    expect(plan).toEqual({
      memberships: [],
      events: [],
      origins: [],
      problems: [
        problem(
          2,
          'not-on-list',
          `${TOWN} is not on ${LIST}, and "warned" cannot put it there: record its entry (approved, named, pilot…) first.`,
          'status',
        ),
      ],
    });
  });

  it('refuses an event already recorded, and the same event twice in one file', () => {
    expect(planEvents([input({ effectiveDate: '2017-08-01' })], ON_LIST, BY).problems).toEqual([
      problem(2, 'already-recorded', `${TOWN} already has "approved" on ${LIST} at 2017-08-01.`),
    ]);
    const twice = planEvents([input({ row: 2, status: 'warned' }), input({ row: 3, status: 'warned' })], ON_LIST, BY);
    expect(twice.events).toHaveLength(1);
    expect(twice.problems).toEqual([problem(3, 'duplicate-row', `The same event (${TOWN}, ${LIST}, warned, 2020-06-01) appears twice.`)]);
  });

  it('checks each event against those before it in the same call: an entry, then a later status of the new membership', () => {
    const plan = planEvents([input({ row: 2 }), input({ row: 3, status: 'warned', effectiveDate: '2021-01-01' })], NOTHING_STORED, BY);
    expect(plan.problems).toEqual([]);
    expect(plan.events.map((e) => [e.id, e.membershipId, e.status])).toEqual([
      [101, 11, 'approved'],
      [102, 11, 'warned'],
    ]);
    expect(plan.origins).toEqual([
      { row: 2, newMembership: true },
      { row: 3, newMembership: false },
    ]);
  });

  it('corrects an event of the same town and list, which may repeat its status and date, once', () => {
    const correction = planEvents([input({ effectiveDate: '2017-08-01', supersedes: 5, note: 'Source corrected.' })], ON_LIST, BY);
    expect(correction.problems).toEqual([]);
    expect(correction.events[0]).toMatchObject({
      id: 101,
      supersedesId: 5,
      status: 'approved',
      effectiveDate: '2017-08-01',
      note: 'Source corrected.',
    });

    expect(planEvents([input({ supersedes: 99 })], ON_LIST, BY).problems).toEqual([
      problem(2, 'invalid-value', `Event 99 is not an event of ${TOWN} on ${LIST}.`, 'supersedes'),
    ]);
    const otherList = {
      ...ON_LIST,
      eventRows: [...ON_LIST.eventRows, storedEvent(6, 'approved', '2018-01-01', { membershipId: 2, listId: 'other-list' })],
    };
    expect(planEvents([input({ supersedes: 6 })], otherList, BY).problems).toEqual([
      problem(2, 'invalid-value', `Event 6 is not an event of ${TOWN} on ${LIST}.`, 'supersedes'),
    ]);
    const corrected = { ...ON_LIST, eventRows: [...ON_LIST.eventRows, storedEvent(7, 'approved', '2017-08-02', { supersedesId: 5 })] };
    expect(planEvents([input({ supersedes: 5 })], corrected, BY).problems).toEqual([
      problem(2, 'invalid-value', 'Event 5 is already corrected; correct the event that corrected it instead.', 'supersedes'),
    ]);
  });

  it('after an elimination, accepts only a new entry', () => {
    const eliminated = { ...ON_LIST, eventRows: [...ON_LIST.eventRows, storedEvent(6, 'eliminated', '2019-01-01')] };
    expect(planEvents([input({ status: 'retained', effectiveDate: '2020-01-01' })], eliminated, BY).problems).toEqual([
      problem(2, 'impossible-transition', `${TOWN} was eliminated from ${LIST} on 2019-01-01; only a new entry can follow.`, 'status'),
    ]);
    expect(planEvents([input({ status: 'approved', effectiveDate: '2020-01-01' })], eliminated, BY).problems).toEqual([]);
    // Before the elimination took effect, any status may still be recorded.
    expect(planEvents([input({ status: 'retained', effectiveDate: '2018-06-01' })], eliminated, BY).problems).toEqual([]);
  });

  it('schedules a date up to the end of next year (Beijing time), and no later', () => {
    expect(planEvents([input({ status: 'warned', effectiveDate: '2027-12-31' })], ON_LIST, BY).problems).toEqual([]);
    expect(planEvents([input({ status: 'warned', effectiveDate: '2028-01-01' })], ON_LIST, BY).problems).toEqual([
      problem(
        2,
        'invalid-value',
        '2028-01-01 is too far ahead: a status can be scheduled up to the end of next year (2027-12-31, Beijing time).',
        'effective_date',
      ),
    ]);
  });

  it('refuses a scheduled event that would leave the town with no status in effect today', () => {
    // An entry: the town is on the list from the day it takes effect, so it is recorded once that day has come.
    expect(planEvents([input({ effectiveDate: '2026-03-02' })], NOTHING_STORED, BY).problems).toEqual([
      problem(
        2,
        'invalid-value',
        `2026-03-02 is after today (2026-03-01, Beijing time): a town is on a list from the day its entry takes effect, so record the entry of ${TOWN} on ${LIST} once that day has come. Later status changes may be scheduled.`,
        'effective_date',
      ),
    ]);
    expect(planEvents([input({ effectiveDate: '2026-03-01' })], NOTHING_STORED, BY).problems).toEqual([]);
    // A correction of the only event in effect, moved to a day still to come.
    expect(planEvents([input({ effectiveDate: '2026-06-01', supersedes: 5 })], ON_LIST, BY).problems).toEqual([
      problem(
        2,
        'invalid-value',
        `2026-06-01 is after today (2026-03-01, Beijing time), and ${TOWN} would have no status in effect on ${LIST} until then; record the correction of its last status in effect with a date that has come.`,
        'effective_date',
      ),
    ]);
    // A later change while another status stays in effect, or on a row of the data files that came without events.
    expect(planEvents([input({ status: 'warned', effectiveDate: '2026-06-01' })], ON_LIST, BY).problems).toEqual([]);
    expect(planEvents([input({ status: 'warned', effectiveDate: '2026-06-01' })], { ...ON_LIST, eventRows: [] }, BY).problems).toEqual([]);
  });

  it('reports every refused input by its row and plans the others', () => {
    const plan = planEvents(
      [input({ row: 2, status: 'warned' }), input({ row: 3 }), input({ row: 4, effectiveDate: '2030-01-01' })],
      NOTHING_STORED,
      BY,
    );
    expect(plan.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'not-on-list'],
      [4, 'invalid-value'],
    ]);
    expect(plan.origins).toEqual([{ row: 3, newMembership: true }]);
  });
});
