// The national benchmark's data, in the aggregate store's terms: two RJ services in each of the
// 43 police force areas, and the store's rows for 10 million referrals over five years (about
// 1,940 a service a month), written set-based as the database owner straight into
// aggregate_figures: no case table is touched. Each figure's breakdowns add up to its total,
// as the store's own would. Beside them: the forces' monthly returns, every area's population,
// and two years of provision survey responses.
import { Readable } from 'node:stream';
import type { Database } from '../src/db/connect.js';
import type { Services } from '../src/services.js';
import { addThroughAdministrator, BENCH_OPERATOR } from './support.js';

export const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 10_000_000);
export const SERVICES_PER_AREA = 2;
export const MONTHS = 60;
export const PASSWORD = 'bench horse battery staple';
export const ANALYST = 'national.analyst@bench.example.org';

/** How each figure's total divides, by dimension: shares of the total that add up to 1. */
const SPLITS: { figure: string; dimension: string; shares: [value: string, share: number][] }[] = [
  { figure: 'referrals_received', dimension: '', shares: [['', 1]] },
  {
    figure: 'referrals_received',
    dimension: 'initiated_by',
    shares: [
      ['victim', 0.6],
      ['offender', 0.25],
      ['agency', 0.15],
    ],
  },
  {
    figure: 'referrals_received',
    dimension: 'source',
    shares: [
      ['self', 0.2],
      ['public', 0.05],
      ['00000000-0000-4000-8000-000000000001', 0.45],
      ['00000000-0000-4000-8000-000000000002', 0.2],
      ['00000000-0000-4000-8000-000000000003', 0.1],
    ],
  },
  {
    figure: 'referrals_received',
    dimension: 'offence_group',
    shares: [
      ['violence-against-the-person', 0.35],
      ['theft-offences', 0.2],
      ['criminal-damage-and-arson', 0.15],
      ['public-order-offences', 0.1],
      ['robbery', 0.05],
      ['burglary', 0.05],
      ['sexual-offences', 0.05],
      ['stalking-and-harassment', 0.05],
    ],
  },
  {
    figure: 'referrals_received',
    dimension: 'cjs_stage',
    shares: [
      ['pre_charge', 0.3],
      ['out_of_court', 0.15],
      ['pre_sentence', 0.15],
      ['community_sentence', 0.15],
      ['custody', 0.15],
      ['post_release', 0.05],
      ['not_reported', 0.05],
    ],
  },
  {
    figure: 'referrals_received',
    dimension: 'status',
    shares: [
      ['accepted', 0.7],
      ['declined', 0.2],
      ['received', 0.1],
    ],
  },
  {
    figure: 'victims_code',
    dimension: 'rj_information.standard',
    shares: [
      ['0', 0.1],
      ['1', 0.15],
      ['2', 0.15],
      ['3', 0.12],
      ['4', 0.1],
      ['5', 0.08],
      ['6', 0.05],
      ['8', 0.05],
      ['not_recorded', 0.1],
    ],
  },
  {
    figure: 'victims_code',
    dimension: 'rj_information.enhanced',
    shares: [
      ['0', 0.04],
      ['1', 0.03],
      ['not_recorded', 0.03],
    ],
  },
  {
    figure: 'victims_code',
    dimension: 'support_referral',
    shares: [
      ['0', 0.3],
      ['1', 0.25],
      ['2', 0.2],
      ['3', 0.1],
      ['not_recorded', 0.15],
    ],
  },
  { figure: 'funnel', dimension: '', shares: [['', 1]] },
  {
    figure: 'funnel',
    dimension: 'furthest',
    shares: [
      ['waiting', 0.1],
      ['declined', 0.2],
      ['opened', 0.05],
      ['contacted', 0.1],
      ['offered', 0.1],
      ['agreed', 0.05],
      ['consented', 0.05],
      ['intervention_held', 0.1],
      ['completed', 0.25],
    ],
  },
];

/** Each value's share as the bounds [lo, hi) of a running sum, so parts add up exactly. */
function splitRows(): string {
  return SPLITS.flatMap(({ figure, dimension, shares }) => {
    let lo = 0;
    return shares.map(([value, share], index) => {
      const hi = index === shares.length - 1 ? 1 : lo + share;
      const row = `('${figure}', '${dimension}', '${value}', ${lo}, ${hi})`;
      lo = hi;
      return row;
    });
  }).join(',\n');
}

export async function loadNational(
  database: Database,
  services: Services,
  options: { firstMonth: string },
): Promise<{ rows: number; loadMs: number }> {
  const started = performance.now();
  const serviceMonths = 43 * SERVICES_PER_AREA * MONTHS;
  const base = Math.floor(REFERRALS / serviceMonths);
  const extra = REFERRALS - base * serviceMonths;
  const rows = await database.withOwner(async (owner) => {
    await owner.query(
      `insert into organisations (slug, name, kind, area_id)
       select 'bench-rj-' || a.id || '-' || k, 'Benchmark RJ service ' || k || ', ' || a.name, 'rj_service', a.id
       from areas a cross join generate_series(1, $1::int) k`,
      [SERVICES_PER_AREA],
    );
    await owner.query(
      `with months as (
         select (date '${options.firstMonth}' + make_interval(months => g))::date as month, g
         from generate_series(0, ${MONTHS - 1}) g),
       services as (
         select id, row_number() over (order by slug) - 1 as k from organisations where slug like 'bench-rj-%'),
       totals as (
         select s.id as org_id, m.month,
           ${base} + case when s.k * ${MONTHS} + m.g < ${extra} then 1 else 0 end as t
         from services s cross join months m),
       splits(figure, dimension, value, lo, hi) as (values ${splitRows()})
       insert into aggregate_figures (org_id, month, figure, dimension, value, n)
       select org_id, month, figure, dimension, value, n from (
         select t.org_id, t.month, d.figure, d.dimension, d.value,
           floor(t.t * d.hi::numeric) - floor(t.t * d.lo::numeric) as n
         from totals t cross join splits d) x
       where n > 0`,
    );
    // Forces' returns: victims of recorded crime and those told about RJ, every month.
    await owner.query(
      `insert into victims_informed_returns (area_id, month, victims, told_about_rj, source,
         recorded_by_name, recorded_at)
       select a.id, (date '${options.firstMonth}' + make_interval(months => g))::date,
         8000 + (abs(hashtext(a.id || g)) % 8000), 400 + (abs(hashtext(g || a.id)) % 800),
         'import', 'benchmark', now()
       from areas a cross join generate_series(0, ${MONTHS - 1}) g`,
    );
    await owner.query(
      `insert into area_populations (area_id, year, population, source)
       select id, ${Number(options.firstMonth.slice(0, 4))}, 500000 + (abs(hashtext(id)) % 2000000), 'benchmark'
       from areas`,
    );
    await owner.query(`update aggregate_status set refreshed_at = now()`);
    const [count] = await owner.query<{ n: number }>('select count(*) as n from aggregate_figures');
    return Number(count!.n);
  });
  const year = Number(options.firstMonth.slice(0, 4)) + MONTHS / 12 - 1;
  const areas = await database.withOwner((owner) =>
    owner.query<{ id: string }>('select id from areas'),
  );
  const header =
    'area,year,respondent,provider,delivery_model,agencies,offender_initiated,sv_da,measures,challenges,expanding,rsqm,rj_spend_gbp,victims_budget_gbp,beyond_rj';
  const survey = [year - 1, year].flatMap((y) =>
    areas.map((a, i) =>
      [
        a.id,
        y,
        'pcc_office',
        'third_sector',
        i % 3 ? 'hub' : 'none',
        'police;prisons;yot',
        'yes',
        i % 2 ? 'yes' : 'no',
        'satisfaction',
        'funding',
        'yes',
        ['awarded', 'working_towards', 'none'][i % 3],
        20000 + i * 1000,
        1000000,
        'yes',
      ].join(','),
    ),
  );
  await services.provision.importCsv(
    BENCH_OPERATOR,
    () => Readable.from([`${header}\r\n${survey.join('\r\n')}\r\n`]),
    { fileName: 'benchmark survey' },
  );
  const unit = await services.organisations.add(BENCH_OPERATOR, {
    name: 'Benchmark analysis unit',
    kind: 'other',
    slug: 'bench-analysis',
  });
  await addThroughAdministrator(services, unit, {
    email: ANALYST,
    name: 'Benchmark analyst',
    role: 'national_analyst',
    password: PASSWORD,
  });
  await database.analyze();
  return { rows, loadMs: performance.now() - started };
}
