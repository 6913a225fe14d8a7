import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import type { SurveyResult } from '../../worker/services/surveys/results.ts';

const SURVEY_TITLES = { public: { zh: '居民与游客', en: 'Residents and visitors' }, enterprise: { zh: '企业', en: 'Enterprises' } } as const;

/** One survey's results: scores per dimension with their interval, or why there are none yet. */
export function SatisfactionBlock({ ctx, result, minSample }: { ctx: PageContext; result: SurveyResult; minSample: number }) {
  const { t, lang } = ctx;
  const title = SURVEY_TITLES[result.survey_id as keyof typeof SURVEY_TITLES]?.[lang] ?? result.survey_id;
  const id = `sat-${result.version_id}`;
  return (
    <section class="satisfaction" aria-labelledby={id} data-survey={result.survey_id} data-responses={result.responses}>
      <h3 id={id}>
        {title} <span class="muted small">{fmt(t.town.responsesCount, { n: result.responses })}</span>
      </h3>
      {result.suppressed ? (
        <p>{fmt(t.town.notEnough, { min: minSample, n: result.responses })}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t.town.dimension}</th>
                <th scope="col" class="num">{t.town.score}</th>
                <th scope="col">{t.town.interval}</th>
              </tr>
            </thead>
            <tbody>
              {result.dimensions.map((d) => (
                <tr>
                  <th scope="row">{d.label[lang]}</th>
                  <td class="num">
                    {d.score === null ? '—' : (
                      <>
                        <svg class="meter" viewBox="0 0 100 8" width="100" height="8" aria-hidden="true" focusable="false">
                          <rect width="100" height="8" fill="#e4e4e4" />
                          <rect width={d.score} height="8" fill="#1f5f99" />
                        </svg>{' '}
                        {d.score}
                      </>
                    )}
                  </td>
                  <td>{d.ci_low === null ? '—' : `${d.ci_low} – ${d.ci_high}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.nps && (
            <p>
              {t.town.nps}: <strong>{result.nps.score}</strong> <span class="muted">(n = {result.nps.n})</span>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
