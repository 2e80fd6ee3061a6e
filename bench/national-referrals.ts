// The rest of a national system's case data for the ten-million benchmark: two RJ services in
// each of the 43 police force areas, each area's share of the referrals by its population (the
// larger service of the two taking 60%), received over the last five years, each with its two
// parties (the person harmed and the person who harmed) and, for seven in ten, a police force
// of the area as the referrer. Written set-based as the database owner, in statements of at
// most CHUNK referrals, into the product's own tables with every index, constraint, foreign
// key and trigger as they are: session_replication_role is not touched, so each statement's
// trigger marks its referrals for the aggregate store as the product's writes do. The owner is
// not subject to row-level security (the product's import writes as waymark_app, one service
// at a time, and its policies are checked on each row).
import type { OwnerSession } from '../src/db/connect.js';
import { ROUGH_POPULATION_THOUSANDS } from '../src/features/demo/national.js';
import { FORENAMES, SURNAMES } from './case-data.js';
import { number, seconds } from './support.js';

/** Referrals per statement (and twice as many parties). */
export const CHUNK = Number(process.env.BENCH_CHUNK ?? 1_000_000);
const DAYS = 5 * 365;

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(literal).join(', ')}]`;

/** Each service's referrals, as a range [first, last] of a running number over them all. */
function shares(total: number): { area: string; k: number; first: number; last: number }[] {
  const areas = Object.entries(ROUGH_POPULATION_THOUSANDS);
  const people = areas.reduce((sum, [, thousands]) => sum + thousands, 0);
  const services = areas.flatMap(([area, thousands]) =>
    [0.6, 0.4].map((part, k) => ({ area, k: k + 1, share: (part * thousands) / people })),
  );
  let next = 1;
  return services.map((service, index) => {
    const count =
      index === services.length - 1
        ? total - next + 1
        : Math.max(0, Math.round(service.share * total));
    const range = { area: service.area, k: service.k, first: next, last: next + count - 1 };
    next += count;
    return range;
  });
}

/** The services and the areas' police forces, and the table saying which referrals are whose. */
async function makeServices(owner: OwnerSession, total: number): Promise<void> {
  await owner.query(
    `insert into organisations (slug, name, kind, area_id)
     select 'national-police-' || a.id, 'Police, ' || a.name, 'police', a.id from areas a`,
  );
  const rows = shares(total)
    .map((s) => `(${literal(s.area)}, ${s.k}, ${s.first}, ${s.last})`)
    .join(',\n');
  await owner.query(
    `insert into organisations (slug, name, kind, area_id)
     select 'national-rj-' || a.id || '-' || k, 'RJ service ' || k || ', ' || a.name, 'rj_service', a.id
     from areas a cross join generate_series(1, 2) k`,
  );
  await owner.script(`
    create temp table bench_national (org_id uuid, police_id uuid, first bigint, last bigint);
    insert into bench_national
    select rj.id, police.id, s.first, s.last
    from (values ${rows}) as s(area, k, first, last)
    join organisations rj on rj.slug = 'national-rj-' || s.area || '-' || s.k
    join organisations police on police.slug = 'national-police-' || s.area
    where s.last >= s.first;
    analyze bench_national`);
}

/** The referrals numbered lo to hi, each service's from its own range. */
function referralsBetween(lo: number, hi: number): string {
  const groups = `(select array_agg(id order by sort_order) as ids from offence_groups where id <> 'sexual-offences')`;
  return `
    insert into referrals (id, org_id, reference, source_org_id, source_kind, initiated_by,
      received_on, reported_on, crime_reference, offence_group_id, offence_date, cjs_stage, sv_da,
      enhanced_rights, victim_consented, channel, duplicate_key, status, decline_reason,
      decided_at, progress, rj_information_given_on, support_referral_made_on,
      offender_age_group, created_at, updated_at)
    select md5('national:' || i)::uuid, org_id, 'NR-' || lpad(i::text, 9, '0'),
      case when i % 10 < 7 then police_id end,
      case when i % 10 < 7 then 'organisation' when i % 10 < 9 then 'self' else 'public' end,
      (${textArray(['victim', 'victim', 'victim', 'offender', 'agency'])})[1 + i % 5],
      received_on, received_on - 20, '54/' || lpad(i::text, 9, '0') || '/24',
      case when i % 12 = 3 then 'sexual-offences' else g.ids[1 + i % array_length(g.ids, 1)] end,
      received_on - 30,
      (${textArray(['pre_charge', 'out_of_court', 'pre_sentence', 'community_sentence', 'custody', 'post_release'])})[1 + i % 6],
      i % 12 = 3, i % 9 = 0, true,
      (${textArray(['web', 'web', 'import', 'api'])})[1 + i % 4],
      'national:' || i, status,
      case when status = 'declined' then (${textArray(['out_of_area', 'not_suitable', 'duplicate', 'no_consent', 'other'])})[1 + i % 5] end,
      case when status in ('accepted', 'declined') then (received_on + 3 + time '11:00')::timestamptz end,
      case status when 'declined' then 'declined' when 'accepted' then
        case when received_on < current_date - 180 then 'closed' else 'in_progress' end
        else 'received' end,
      case when i % 10 <> 0 then received_on + 1 + (i % 4)::int end,
      case when i % 7 <> 0 then received_on + 2 + (i % 5)::int end,
      case when i % 10 = 0 then 'under_18' else 'adult' end,
      (received_on + time '09:30')::timestamptz, (received_on + time '09:30')::timestamptz
    from (
      select i, s.org_id, s.police_id, d.received_on,
        case
          when d.received_on > current_date - 14 and i % 5 < 3 then 'received'
          when d.received_on > current_date - 30 and i % 20 = 0 then 'information_requested'
          when i % 5 = 4 then 'declined'
          else 'accepted'
        end as status
      from bench_national s
      cross join lateral generate_series(greatest(s.first, ${lo}), least(s.last, ${hi})) as i
      cross join lateral (select current_date - (abs(hashint8(i)::bigint) % ${DAYS})::int as received_on) d
      where s.first <= ${hi} and s.last >= ${lo}
    ) r
    cross join ${groups} g`;
}

/** The two parties of each of the referrals numbered lo to hi. */
function partiesBetween(lo: number, hi: number): string {
  const name = (list: readonly string[], step: number, shift: number) =>
    `(${textArray(list)})[1 + (i * ${step} + ${shift}) % ${list.length}]`;
  return `
    insert into referral_parties (org_id, referral_id, role, forename, surname, date_of_birth,
      phone, postcode, safe_phone, may_leave_message, preferred_contact)
    select s.org_id, md5('national:' || i)::uuid, p.role, p.forename, p.surname, p.born,
      p.phone, p.postcode, p.phone, p.phone is not null and i % 3 <> 0,
      case when p.phone is not null then 'phone' end
    from bench_national s
    cross join lateral generate_series(greatest(s.first, ${lo}), least(s.last, ${hi})) as i
    cross join lateral (values
      ('victim', ${name(FORENAMES, 1, 0)}, ${name(SURNAMES, 7, 0)},
        date '1950-01-01' + (i * 37 % 20000)::int, '07700 9' || lpad((i % 100000)::text, 5, '0'),
        'AB' || (1 + i % 40) || ' ' || (i % 9) || 'CD'),
      ('offender', ${name(FORENAMES, 3, 5)}, ${name(SURNAMES, 11, 3)},
        date '1970-01-01' + (i * 53 % 12000)::int, null,
        'AB' || (1 + i % 35) || ' ' || (i % 7) || 'QT')
    ) as p(role, forename, surname, born, phone, postcode)
    where s.first <= ${hi} and s.last >= ${lo}`;
}

/**
 * Writes `total` referrals (and their parties) for 86 services in the 43 areas. Returns the
 * time each kind of statement took, in all.
 */
export async function loadNationalReferrals(
  owner: OwnerSession,
  total: number,
  log: (line: string) => void,
): Promise<{ referralsMs: number; partiesMs: number; statements: number }> {
  await makeServices(owner, total);
  let referralsMs = 0;
  let partiesMs = 0;
  let statements = 0;
  for (let lo = 1; lo <= total; lo += CHUNK) {
    const hi = Math.min(total, lo + CHUNK - 1);
    let started = performance.now();
    await owner.query(referralsBetween(lo, hi));
    const referrals = performance.now() - started;
    started = performance.now();
    await owner.query(partiesBetween(lo, hi));
    const parties = performance.now() - started;
    referralsMs += referrals;
    partiesMs += parties;
    statements += 2;
    log(
      `  referrals ${number(lo)}–${number(hi)}: ${seconds(referrals)}, their parties ${seconds(parties)}`,
    );
  }
  await owner.script('drop table bench_national');
  return { referralsMs, partiesMs, statements };
}
