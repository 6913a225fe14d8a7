import type { TownSatisfaction } from '../../worker/services/surveys/results.ts';
import type { StatusEvent, Town } from '../../worker/services/towns.ts';
import { DataTable } from '../components/data-table.tsx';
import { Layout } from '../components/layout.tsx';
import { LocalizedNote } from '../components/localized-note.tsx';
import { SatisfactionBlock, surveyName } from '../components/satisfaction.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import type { SuggestionFormData } from '../components/suggestion-form.tsx';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { SuggestionSection, suggestionScripts } from './suggestion.tsx';

export interface TownPageData {
  town: Town;
  history: StatusEvent[];
  satisfaction: TownSatisfaction;
  /** The correction and addition form about this town. */
  suggestion: SuggestionFormData;
}

export function TownPage({ ctx, data }: { ctx: PageContext; data: TownPageData }) {
  const { t } = ctx;
  const { town, history, satisfaction } = data;
  const place = [town.province, town.city, town.county].filter(Boolean).join(' ');
  // Each survey's waves as the service orders them (newest first), under the survey's name.
  const bySurvey = new Map<string, TownSatisfaction['surveys']>();
  for (const s of satisfaction.surveys) bySurvey.set(s.survey_id, [...(bySurvey.get(s.survey_id) ?? []), s]);
  const surveys = [...bySurvey];
  const waveNames = new Map(satisfaction.surveys.map((s) => [s.wave_id, s.wave.name]));
  return (
    <Layout
      ctx={ctx}
      title={town.name}
      scripts={suggestionScripts(data.suggestion.turnstile)}
      description={`${town.name}（${place}）: ${town.memberships.map((m) => `${m.list_name} ${t.statuses[m.status]}`).join('；')}`}
    >
      <h1>{town.name}</h1>
      <dl class="meta">
        <dt>{t.town.pinyin}</dt>
        <dd lang="en">{town.name_pinyin}</dd>
        <dt>{t.town.place}</dt>
        <dd>{place}</dd>
      </dl>
      <p class="actions">
        <a class="button" href={`/survey/public?town=${town.id}`}>
          {t.town.answerPublic}
        </a>
        <a class="button secondary" href={`/survey/enterprise?town=${town.id}`}>
          {t.town.answerEnterprise}
        </a>
      </p>

      <section aria-labelledby="lists-title">
        <h2 id="lists-title">{t.town.lists}</h2>
        <DataTable
          columns={[
            { label: t.town.list },
            { label: t.town.status },
            { label: t.town.since },
            { label: t.town.confidence },
            { label: t.town.notes },
          ]}
        >
          {town.memberships.map((m) => (
            <tr>
              <th scope="row">
                <a href={`/lists/${m.list_id}`}>{m.list_name}</a>
              </th>
              <td>
                <StatusBadge ctx={ctx} status={m.status} />
              </td>
              <td>{m.status_since ?? t.town.unknownDate}</td>
              <td>{m.confidence ? t.confidence[m.confidence] : '—'}</td>
              <td class="small">
                {/* Whether the source saw the final list or only the public notice (公示) before it. */}
                {m.source_stage && (
                  <p class="source-stage">
                    {t.town.sourceStages[m.source_stage]}
                    {m.source_stage_date ? ` (${m.source_stage_date})` : ''}
                  </p>
                )}
                <LocalizedNote lang={ctx.lang} note={m.note} noteZh={m.note_zh} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t.town.history}</h2>
        <ol class="timeline">
          {history.map((e) => (
            <li
              id={`event-${e.id}`}
              class={[e.superseded_by ? 'superseded' : '', e.scheduled ? 'scheduled' : ''].join(' ').trim() || undefined}
            >
              <p class="timeline-date">{e.effective_date ?? t.town.unknownDate}</p>
              {/* Recorded in advance: the status above the history is today's, and this one does not count yet. */}
              {e.scheduled && (
                <p class="small">
                  <strong>{t.town.scheduled}</strong>
                </p>
              )}
              {/* Recorded from a suggestion of the public, with the same checks and source as any other event. */}
              {e.suggested_by_public && (
                <p class="small credit" title={t.suggest.creditLong}>
                  {t.suggest.credit}
                </p>
              )}
              {e.superseded_by && (
                <p class="small">
                  <a href={`#event-${e.superseded_by}`}>{fmt(t.town.superseded, { id: e.superseded_by })}</a>
                </p>
              )}
              {e.supersedes && <p class="small muted">{fmt(t.town.corrects, { id: e.supersedes })}</p>}
              <p>
                <StatusBadge ctx={ctx} status={e.status} /> {e.list_name}
                {e.status_raw && e.status_raw !== e.status ? <span class="muted"> （{e.status_raw}）</span> : null}
              </p>
              <p class="muted small">
                {t.town.source}: {e.source ? `${e.source.title}${e.source.document_number ? ` ${e.source.document_number}` : ''}` : '—'}
                {e.source_urls.slice(0, 2).map((u, i) => (
                  <>
                    {' '}
                    {/* A link the public gave (an accepted suggestion's source) is marked as theirs: ugc. */}
                    <a href={u} rel={e.suggested_by_public ? 'nofollow ugc noopener' : 'noopener nofollow'}>
                      [{i + 1}]<span class="visually-hidden"> {t.lists.sourceLink}</span>
                    </a>
                  </>
                ))}
                {e.date_note ? ` · ${e.date_note}` : ''}
              </p>
              <LocalizedNote lang={ctx.lang} note={e.note} noteZh={e.note_zh} class="small" />
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{t.town.satisfaction}</h2>
        {surveys.map(([surveyId, results]) => (
          <section class="survey-results" aria-labelledby={`results-${surveyId}`} data-survey={surveyId}>
            <h3 id={`results-${surveyId}`}>{surveyName(ctx, surveyId)}</h3>
            {results.map((s) => (
              <SatisfactionBlock ctx={ctx} result={s} minSample={satisfaction.min_sample} waveNames={waveNames} />
            ))}
          </section>
        ))}
      </section>

      <SuggestionSection ctx={ctx} data={data.suggestion} />
    </Layout>
  );
}
