import type { SurveyResult } from '../../worker/services/surveys/results.ts';
import { beijingTime } from '../beijing-time.ts';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';
import { IpaChart } from './ipa-chart.tsx';

type Wave = SurveyResult['wave'];

/** A survey's name on the results (its questionnaire's audience), or its id for a survey the site does not know. */
export function surveyName(ctx: PageContext, surveyId: string): string {
  const names: Record<string, string> = ctx.t.results.surveys;
  return names[surveyId] ?? surveyId;
}

/** When the wave accepts answers, in Beijing time. */
export function waveWindow(ctx: PageContext, wave: Wave): string {
  const opens = beijingTime(wave.opens_at, ctx.t);
  return wave.closes_at === null
    ? fmt(ctx.t.results.windowFrom, { opens })
    : fmt(ctx.t.results.windowFromTo, { opens, closes: beijingTime(wave.closes_at, ctx.t) });
}

/** Every figure to one decimal, as published, so that 75 reads 75.0 and the column lines up. */
export const one = (v: number) => v.toFixed(1);
/** A change with its sign (a true minus), to one decimal. */
export const signed = (v: number) => (v > 0 ? `+${one(v)}` : v < 0 ? `−${one(-v)}` : one(v));

interface SatisfactionBlockProps {
  ctx: PageContext;
  result: SurveyResult;
  minSample: number;
  /** Names of the other waves on the page, to say which one "previous" is. */
  waveNames: Map<string, Wave['name']>;
}

/**
 * One wave of one survey: its name, status and window, and its results as the publication rules allow
 * them: nothing while an `after_close` wave is open (and when it closes), nothing below the minimum
 * sample, else every dimension with its interval beside the previous wave, the share of probable
 * duplicates left out, NPS and, for a questionnaire that asks importance, the IPA chart and table.
 */
export function SatisfactionBlock({ ctx, result, minSample, waveNames }: SatisfactionBlockProps) {
  const { t, lang } = ctx;
  const m = t.results;
  const wave = result.wave;
  const id = `sat-${result.wave_id}`;
  const survey = surveyName(ctx, result.survey_id);
  const previousId = result.dimensions.find((d) => d.previous)?.previous?.wave_id;
  const previousName = previousId ? (waveNames.get(previousId)?.[lang] ?? previousId) : null;
  return (
    <section
      class="satisfaction"
      aria-labelledby={id}
      data-survey={result.survey_id}
      data-wave={result.wave_id}
      data-published={String(result.published && !result.suppressed)}
      data-responses={result.responses}
    >
      <h4 id={id}>
        {wave.name[lang]} <span class="badge">{m.status[wave.status]}</span>
      </h4>
      <p class="muted small">
        {waveWindow(ctx, wave)}
        {m.separator}
        {m.publication[wave.publication]}
      </p>
      {!result.published ? (
        <p class="notice">{wave.closes_at ? fmt(m.notPublished, { closes: beijingTime(wave.closes_at, t) }) : m.notPublishedNoEnd}</p>
      ) : result.suppressed ? (
        <p class="notice">{fmt(m.suppressed, { min: minSample })}</p>
      ) : (
        <>
          <p>{fmt(m.responses, { n: result.responses })}</p>
          {result.small_sample && (
            <p class="notice">
              <strong>{m.smallSample}</strong>
            </p>
          )}
          {/* The duplicate signal is the public survey's; the enterprise survey counts one answer per enterprise instead. */}
          {result.survey_id === 'enterprise' ? (
            <p class="muted small">
              {m.onePerEnterprise} <a href="/methodology#enterprise">{m.methodology}</a>
            </p>
          ) : (
            result.duplicates_excluded_percent !== null && (
              <p class="muted small">
                {fmt(m.duplicates, { percent: result.duplicates_excluded_percent })} <a href="/methodology#duplicates">{m.methodology}</a>
              </p>
            )
          )}
          <DataTable
            captionId={`${id}-caption`}
            caption={fmt(m.caption, { survey, wave: wave.name[lang] })}
            columns={[
              { label: m.dimension },
              { label: m.score, num: true },
              { label: m.interval },
              ...(previousName ? [{ label: m.previous, num: true }, { label: m.change }] : []),
            ]}
          >
            {result.dimensions.map((d) => (
              <tr data-dimension={d.dimension} data-beyond-ci={d.beyond_ci === null ? undefined : String(d.beyond_ci)}>
                <th scope="row">{d.label[lang]}</th>
                <td class="num">
                  {d.score === null ? (
                    <span class="muted small">{m.notPublishedDimension}</span>
                  ) : (
                    <>
                      <svg class="meter" viewBox="0 0 100 8" width="100" height="8" aria-hidden="true" focusable="false">
                        <rect width="100" height="8" fill="#e4e4e4" />
                        <rect width={d.score} height="8" fill="#1f5f99" />
                      </svg>{' '}
                      {one(d.score)}
                    </>
                  )}
                </td>
                <td>{d.ci_low === null || d.ci_high === null ? '—' : `${one(d.ci_low)} – ${one(d.ci_high)}`}</td>
                {previousName && <td class="num">{d.previous ? one(d.previous.score) : '—'}</td>}
                {previousName && (
                  <td>
                    {d.change === null ? (
                      '—'
                    ) : (
                      <>
                        {signed(d.change)}
                        {d.beyond_ci === true && (
                          <>
                            {' '}
                            <strong class="gap">{m.beyond}</strong>
                          </>
                        )}
                        {d.beyond_ci === false && (
                          <>
                            {' '}
                            <span class="muted">{m.within}</span>
                          </>
                        )}
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
          {previousName && <p class="muted small">{fmt(m.previousNote, { wave: previousName })}</p>}
          {result.nps && (
            <p>
              {fmt(m.nps, { score: result.nps.score, n: result.nps.n })}
              {result.nps.promoters_percent !== null && (
                <>
                  {' '}
                  {fmt(m.npsShares, {
                    promoters: result.nps.promoters_percent,
                    passives: result.nps.passives_percent ?? 0,
                    detractors: result.nps.detractors_percent ?? 0,
                  })}
                </>
              )}
            </p>
          )}
          {result.ipa && (
            <>
              <p class="small">
                {m.ipaExplain} <a href="/methodology#ipa">{m.methodology}</a>
              </p>
              <IpaChart
                ctx={ctx}
                id={`ipa-${result.wave_id}`}
                caption={fmt(m.ipaCaption, { survey, wave: wave.name[lang] })}
                result={result.ipa}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
