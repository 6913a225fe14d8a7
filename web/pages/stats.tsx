import type { Stats } from '../../worker/services/stats.ts';
import type { SurveySummary } from '../../worker/services/surveys/definitions.ts';
import type { GroupedSatisfaction, SurveyResult } from '../../worker/services/surveys/results.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { IpaChart } from '../components/ipa-chart.tsx';
import { Layout } from '../components/layout.tsx';
import { ProvinceMap } from '../components/province-map.tsx';
import { surveyName } from '../components/satisfaction.tsx';
import { shown, TrendChart } from '../components/trend-chart.tsx';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import type { ProvinceMapData } from '../province-map-data.ts';

export interface StatsData {
  byProvince: Stats;
  byStatus: Stats;
  byYear: { year: string; listed: number; eliminated: number }[];
  surveys: SurveySummary[];
  /** Grouped `all`: the published national results of every wave that has opened. */
  satisfaction: GroupedSatisfaction;
  map: ProvinceMapData;
}

/** The latest wave of an enterprise survey whose published national results have an importance–performance analysis. */
export function latestNationalIpa(surveys: SurveySummary[], national: SurveyResult[]): SurveyResult | null {
  const enterprise = new Set(surveys.filter((s) => s.audience === 'enterprise').map((s) => s.id));
  return (
    national
      .filter((r) => enterprise.has(r.survey_id) && shown(r) && r.ipa?.grand_means)
      .sort((a, b) => b.wave.opens_at.localeCompare(a.wave.opens_at))[0] ?? null
  );
}

export function StatsPage({ ctx, data }: { ctx: PageContext; data: StatsData }) {
  const { t, lang } = ctx;
  const provinces = [...data.byProvince.groups].sort((a, b) => b.towns - a.towns);
  const national = data.satisfaction.groups.find((g) => g.key === 'all')?.surveys ?? [];
  const ipa = latestNationalIpa(data.surveys, national);
  return (
    <Layout ctx={ctx} title={t.stats.title} description={t.stats.description}>
      <h1>{t.stats.title}</h1>
      <p class="muted">{t.stats.chartTableNote}</p>
      <BarChart
        id="by-status"
        caption={t.stats.byStatus}
        labelHeader={t.list.status}
        series={[t.stats.count]}
        rows={data.byStatus.groups.map((g) => ({ label: t.statuses[g.key as keyof typeof t.statuses] ?? g.key, values: [g.towns] }))}
      />
      <BarChart
        id="over-time"
        caption={t.stats.overTime}
        labelHeader={t.stats.year}
        series={[t.stats.approved, t.stats.eliminated]}
        rows={data.byYear.map((y) => ({ label: y.year, values: [y.listed, y.eliminated] }))}
      />
      <BarChart
        id="by-province"
        caption={t.stats.byProvince}
        labelHeader={t.list.province}
        series={[t.stats.count]}
        rows={provinces.map((g) => ({ label: g.key, values: [g.towns] }))}
      />
      <ProvinceMap ctx={ctx} data={data.map} action="/stats" />
      <section aria-labelledby="trend-title">
        <h2 id="trend-title">{t.stats.trend}</h2>
        <p>
          {t.stats.trendIntro} <a href="/methodology#publication">{t.results.methodology}</a>
        </p>
        {data.surveys.map((s) => {
          const name = surveyName(ctx, s.id);
          return (
            <TrendChart
              ctx={ctx}
              id={`trend-${s.id}`}
              caption={fmt(t.stats.trendCaption, { survey: name })}
              title={fmt(t.stats.trendTitle, { survey: name })}
              results={national.filter((r) => r.survey_id === s.id)}
              minSample={data.satisfaction.min_sample}
            />
          );
        })}
      </section>
      <section aria-labelledby="ipa-title">
        <h2 id="ipa-title">{t.stats.ipa}</h2>
        {ipa ? (
          <>
            <p class="small">
              {t.results.ipaExplain} <a href="/methodology#ipa">{t.results.methodology}</a>
            </p>
            <IpaChart ctx={ctx} id="ipa-national" caption={fmt(t.stats.ipaCaption, { wave: ipa.wave.name[lang] })} result={ipa.ipa!} />
          </>
        ) : (
          <p>{t.stats.ipaNone}</p>
        )}
      </section>
    </Layout>
  );
}
