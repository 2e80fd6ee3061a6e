// Demo data for the whole-system view: provision survey responses from most areas for two
// survey years, twelve months of Victims' Code returns from about half of them, and rough
// populations. All of it is made up (from a fixed seed, so the same every time) and goes in
// through the same imports a national analyst uses; loading again changes nothing.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { SystemActor } from '../../domain/roles.js';
import {
  CHALLENGES,
  defaultAgencyOptions,
  DELIVERY_MODELS,
  PROVIDERS,
  SUCCESS_MEASURES,
} from '../../domain/provision-survey.js';
import type { Services } from '../../services.js';
import { PROVISION_COLUMNS } from '../national/index.js';
import { seededRandom, type Random } from './random.js';

const actor: SystemActor = { kind: 'system', orgId: null, name: 'demo loader' };

/** Roughly how many people live in each area, in thousands: for the demo only, not statistics. */
export const ROUGH_POPULATION_THOUSANDS: Record<string, number> = {
  metropolitan: 8800,
  'city-of-london': 9,
  'greater-manchester': 2870,
  'west-midlands': 2920,
  'west-yorkshire': 2350,
  'thames-valley': 2470,
  kent: 1870,
  essex: 1850,
  hampshire: 2020,
  'devon-and-cornwall': 1800,
  'avon-and-somerset': 1730,
  sussex: 1720,
  lancashire: 1530,
  merseyside: 1430,
  'south-yorkshire': 1420,
  northumbria: 1470,
  hertfordshire: 1200,
  surrey: 1210,
  staffordshire: 1140,
  'west-mercia': 1310,
  nottinghamshire: 1170,
  derbyshire: 1060,
  leicestershire: 1100,
  cheshire: 1100,
  'south-wales': 1350,
  cambridgeshire: 900,
  norfolk: 920,
  lincolnshire: 770,
  humberside: 930,
  'north-yorkshire': 830,
  suffolk: 760,
  northamptonshire: 790,
  bedfordshire: 690,
  dorset: 780,
  wiltshire: 730,
  gloucestershire: 650,
  warwickshire: 600,
  cumbria: 500,
  durham: 640,
  cleveland: 570,
  'north-wales': 690,
  gwent: 600,
  'dyfed-powys': 520,
};

function some(random: Random, options: readonly string[], chance: number): string {
  const chosen = options.filter(() => random.chance(chance));
  return chosen.length ? chosen.join(';') : 'none';
}

function surveyRow(random: Random, area: string, year: number): Record<string, string | number> {
  const agencies = defaultAgencyOptions(year);
  const common = ['police', 'prisons', 'crc', 'nps', 'yot'];
  const budget = random.int(15, 60) * 50_000;
  const blank = () => random.chance(0.08);
  return {
    area,
    year,
    respondent: random.chance(0.75) ? 'pcc_office' : 'rj_service',
    provider: random.chance(0.68) ? 'third_sector' : random.pick(PROVIDERS),
    delivery_model: blank() ? '' : some(random, DELIVERY_MODELS, 0.35),
    agencies:
      agencies.filter((a) => random.chance(common.includes(a) ? 0.9 : 0.35)).join(';') || 'police',
    offender_initiated: random.chance(0.88) ? 'yes' : 'no',
    sv_da: random.chance(0.55) ? 'yes' : 'no',
    measures: blank() ? '' : some(random, SUCCESS_MEASURES, 0.5),
    challenges: blank() ? '' : some(random, CHALLENGES, 0.3),
    expanding: random.chance(0.8) ? 'yes' : 'no',
    rsqm: blank() ? '' : random.pick(['awarded', 'working_towards', 'none']),
    rj_spend_gbp: blank() ? '' : Math.round((budget * random.int(2, 14)) / 100),
    victims_budget_gbp: blank() ? '' : budget,
    beyond_rj: random.chance(0.88) ? 'yes' : 'no',
  };
}

const csv = (columns: readonly string[], rows: Record<string, unknown>[]) =>
  stringify(rows, { header: true, columns: [...columns] });

const open = (text: string) => () => Readable.from([text]);

export async function loadDemoNational(services: Services, today: string): Promise<void> {
  const random = seededRandom(2018);
  const areas = Object.keys(ROUGH_POPULATION_THOUSANDS);
  const thisYear = Number(today.slice(0, 4));
  const survey = [2018, thisYear - 1].flatMap((year) =>
    areas
      .filter(() => random.chance(year === 2018 ? 0.79 : 0.65))
      .map((area) => surveyRow(random, area, year)),
  );
  await services.provision.importCsv(actor, open(csv(PROVISION_COLUMNS, survey)), {
    fileName: 'demo provision survey',
  });

  const reporting = areas.filter(() => random.chance(0.5));
  const months = Array.from({ length: 12 }, (_, i) => {
    const date = new Date(Date.UTC(thisYear, Number(today.slice(5, 7)) - 2 - i, 1));
    return date.toISOString().slice(0, 7);
  });
  const returns = reporting.flatMap((area) => {
    const rate = random.int(20, 160) / 1000;
    return months.map((month) => {
      const victims = Math.round(ROUGH_POPULATION_THOUSANDS[area]! * random.int(5, 8));
      return {
        area,
        month,
        victims,
        told_about_rj: Math.round((victims * rate * random.int(80, 120)) / 100),
      };
    });
  });
  await services.victimsInformed.importCsv(
    actor,
    open(csv(['area', 'month', 'victims', 'told_about_rj'], returns)),
    { fileName: 'demo victims informed' },
  );

  const populations = areas.map((area) => ({
    area,
    year: thisYear - 1,
    population: ROUGH_POPULATION_THOUSANDS[area]! * 1000,
    source: 'Rough figure for the demo, not an official statistic',
  }));
  await services.populations.importCsv(
    actor,
    open(csv(['area', 'year', 'population', 'source'], populations)),
    { fileName: 'demo populations' },
  );
}
