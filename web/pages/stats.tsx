import type { PageContext } from '../context.ts';
import { Layout } from '../components/layout.tsx';
import { BarChart } from '../components/bar-chart.tsx';
import { SatisfactionBlock } from '../components/satisfaction.tsx';
import type { Stats } from '../../worker/services/stats.ts';
import type { GroupedSatisfaction } from '../../worker/services/surveys/results.ts';

export interface StatsData {
  byProvince: Stats;
  byStatus: Stats;
  byYear: { year: string; listed: number; eliminated: number }[];
  satisfaction: GroupedSatisfaction;
}

export function StatsPage({ ctx, data }: { ctx: PageContext; data: StatsData }) {
  const { t } = ctx;
  const provinces = [...data.byProvince.groups].sort((a, b) => b.towns - a.towns);
  return (
    <Layout ctx={ctx} title={t.stats.title} description={t.stats.description}>
      <h1>{t.stats.title}</h1>
      <p class="muted">{t.stats.chartTableNote}</p>
      <BarChart id="by-status" caption={t.stats.byStatus} labelHeader={t.list.status} series={[t.stats.count]}
        rows={data.byStatus.groups.map((g) => ({ label: t.statuses[g.key as keyof typeof t.statuses] ?? g.key, values: [g.towns] }))} />
      <BarChart id="over-time" caption={t.stats.overTime} labelHeader={t.stats.year} series={[t.stats.approved, t.stats.eliminated]}
        rows={data.byYear.map((y) => ({ label: y.year, values: [y.listed, y.eliminated] }))} />
      <BarChart id="by-province" caption={t.stats.byProvince} labelHeader={t.list.province} series={[t.stats.count]}
        rows={provinces.map((g) => ({ label: g.key, values: [g.towns] }))} />
      <section aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{t.stats.satisfaction}</h2>
        {(data.satisfaction.groups[0]?.surveys ?? []).map((s) => (
          <SatisfactionBlock ctx={ctx} result={s} minSample={data.satisfaction.min_sample} />
        ))}
      </section>
    </Layout>
  );
}
