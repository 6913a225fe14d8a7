import { IPA_QUADRANTS, type IpaInput, importancePerformance } from '../../worker/services/surveys/ipa.ts';
import { DataTable } from '../components/data-table.tsx';
import { IpaChart } from '../components/ipa-chart.tsx';
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';

/**
 * The formulas as the code computes them (worker/services/surveys/statistics.ts, ipa.ts; the
 * disclosure and publication rules of issue 12), in plain text: no MathML, no script.
 */
export const FORMULAS = {
  score: 'score = (x − 1) ÷ (k − 1) × 100',
  mean: 'x̄ = (x₁ + x₂ + … + xₙ) ÷ n',
  variance: 's² = (Σxᵢ² − n · x̄²) ÷ (n − 1)',
  interval: 'x̄ ± t(0.975, n − 1) × s ÷ √n',
  tApprox: 't(0.975, df) ≈ z + (z³ + z) ÷ (4 · df) + (5z⁵ + 16z³ + 3z) ÷ (96 · df²),   z = 1.959964',
  steps: 'n′ = ⌊n ÷ 10⌋ × 10',
  grand: 'Ī = (I₁ + … + Iₘ) ÷ m,   S̄ = (S₁ + … + Sₘ) ÷ m',
  gap: 'G = I − S',
  weights: 'Wᵢ = 3^(i − 1) mod 31 = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28',
  check: 'C₁₈ = 31 − (v(C₁) · W₁ + v(C₂) · W₂ + … + v(C₁₇) · W₁₇) mod 31   (31 → 0)',
  claim: 'h = HMAC-SHA-256(K, C | T)',
} as const;

/** Which side of each grand mean a quadrant is on. */
const QUADRANT_SIDES = {
  concentrate: ['I ≥ Ī', 'S < S̄'],
  'keep-up': ['I ≥ Ī', 'S ≥ S̄'],
  'low-priority': ['I < Ī', 'S < S̄'],
  overkill: ['I < Ī', 'S ≥ S̄'],
} as const;

const estimate = (mean: number, half: number) => ({
  n: 24,
  mean,
  ci_low: Math.round((mean - half) * 10) / 10,
  ci_high: Math.round((mean + half) * 10) / 10,
});

/** Made-up figures for the worked example: one function in each quadrant, and a large gap that is only "low priority". */
export const EXAMPLE_IPA: IpaInput[] = [
  {
    function: 'planning',
    label: { zh: '总体规划', en: 'Overall planning' },
    importance: estimate(82.5, 6.1),
    satisfaction: estimate(61.3, 8.2),
  },
  {
    function: 'policy_support',
    label: { zh: '社会引导', en: 'Social guidance' },
    importance: estimate(76, 7.4),
    satisfaction: estimate(70.8, 7.9),
  },
  {
    function: 'coordination',
    label: { zh: '组织协调', en: 'Organisation and coordination' },
    importance: estimate(71.3, 7),
    satisfaction: estimate(55, 9.1),
  },
  {
    function: 'approval_services',
    label: { zh: '公共服务', en: 'Public service' },
    importance: estimate(68.8, 8.3),
    satisfaction: estimate(74.5, 6.6),
  },
  {
    function: 'supervision',
    label: { zh: '监督管理', en: 'Supervision and management' },
    importance: estimate(60, 8.8),
    satisfaction: estimate(66.3, 7.2),
  },
];

function Formula({ children }: { children: string }) {
  return (
    <p class="formula">
      <code>{children}</code>
    </p>
  );
}

/** How every figure of the satisfaction results is computed, and what is withheld: /methodology. */
export function MethodologyPage({ ctx, minSample }: { ctx: PageContext; minSample: number }) {
  const { t } = ctx;
  const m = t.methodology;
  const q = t.ipa.quadrants;
  const sections: [string, string][] = [
    ['scores', m.scores],
    ['intervals', m.intervals],
    ['nps', m.nps],
    ['disclosure', m.disclosure],
    ['publication', m.publication],
    ['ipa', m.ipa],
    ['duplicates', m.duplicates],
    ['enterprise', m.enterprise],
  ];
  return (
    <Layout ctx={ctx} title={m.title} description={m.description}>
      <article class="methodology">
        <h1>{m.title}</h1>
        <p class="lead">{m.intro}</p>
        <nav aria-labelledby="contents">
          <h2 id="contents">{m.contents}</h2>
          <ul class="toc">
            {sections.map(([id, title]) => (
              <li>
                <a href={`#${id}`}>{title}</a>
              </li>
            ))}
          </ul>
        </nav>

        <section aria-labelledby="scores">
          <h2 id="scores">{m.scores}</h2>
          <p>{m.scoresItem}</p>
          <Formula>{FORMULAS.score}</Formula>
          <p>{m.scoresFive}</p>
          <p>{m.scoresMean}</p>
          <Formula>{FORMULAS.mean}</Formula>
          <p>{m.scoresRound}</p>
        </section>

        <section aria-labelledby="intervals">
          <h2 id="intervals">{m.intervals}</h2>
          <p>{m.intervalsText}</p>
          <Formula>{FORMULAS.variance}</Formula>
          <Formula>{FORMULAS.interval}</Formula>
          <p>{m.intervalsTable}</p>
          <Formula>{FORMULAS.tApprox}</Formula>
          <p>{m.intervalsCaveat}</p>
        </section>

        <section aria-labelledby="nps">
          <h2 id="nps">{m.nps}</h2>
          <p>{m.npsGroups}</p>
          <Formula>{m.npsFormula}</Formula>
          <p>{m.npsText}</p>
        </section>

        <section aria-labelledby="disclosure">
          <h2 id="disclosure">{m.disclosure}</h2>
          <ul>
            {m.disclosureList.map((item) => (
              <li>{fmt(item, { min: minSample })}</li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="publication">
          <h2 id="publication">{m.publication}</h2>
          <p>{m.publicationText}</p>
          <ul>
            <li>{m.afterClose}</li>
            <li>
              {m.liveInSteps}
              <Formula>{FORMULAS.steps}</Formula>
              {m.stepsText}
            </li>
          </ul>
          <p>{m.change}</p>
          <Formula>{m.changeFormula}</Formula>
        </section>

        <section aria-labelledby="ipa">
          <h2 id="ipa">{m.ipa}</h2>
          <p>{m.ipaText}</p>
          <p>{m.ipaGrand}</p>
          <Formula>{FORMULAS.grand}</Formula>
          <p>{m.ipaQuadrants}</p>
          <DataTable
            captionId="quadrants-caption"
            caption={m.ipaQuadrants}
            columns={[{ label: t.ipa.quadrant }, { label: t.ipa.importance }, { label: t.ipa.satisfaction }, { label: m.quadrantMeaning }]}
          >
            {IPA_QUADRANTS.map((quadrant) => (
              <tr>
                <th scope="row">{q[quadrant]}</th>
                <td>
                  <code>{QUADRANT_SIDES[quadrant][0]}</code>
                </td>
                <td>
                  <code>{QUADRANT_SIDES[quadrant][1]}</code>
                </td>
                <td>{m.meanings[quadrant]}</td>
              </tr>
            ))}
          </DataTable>
          <Formula>{FORMULAS.gap}</Formula>
          <p>{m.ipaGap}</p>
          <h3 id="ipa-example">{m.ipaExample}</h3>
          <p>{m.ipaExampleText}</p>
          <IpaChart ctx={ctx} id="ipa-example-chart" caption={m.ipaExampleCaption} result={importancePerformance(EXAMPLE_IPA)} />
        </section>

        <section aria-labelledby="duplicates">
          <h2 id="duplicates">{m.duplicates}</h2>
          <p>{m.duplicatesText}</p>
          <p>{m.duplicatesNetwork}</p>
          <p>{m.duplicatesResults}</p>
          <Formula>{m.duplicatesFormula}</Formula>
          <p>{m.duplicatesCaveat}</p>
        </section>

        <section aria-labelledby="enterprise">
          <h2 id="enterprise">{m.enterprise}</h2>
          <p>{m.enterpriseCode}</p>
          <Formula>{FORMULAS.weights}</Formula>
          <Formula>{FORMULAS.check}</Formula>
          <p>{m.enterpriseCheck}</p>
          <Formula>{FORMULAS.claim}</Formula>
          <p>{m.enterpriseClaims}</p>
          <p>{m.enterpriseCaveat}</p>
        </section>
      </article>
    </Layout>
  );
}
