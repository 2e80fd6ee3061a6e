// Every figure Waymark reports, with a version. A figure's plain-English definition (what is
// counted, which date places it in a period, what is left out) is in the catalogue under
// figures.<id> and is published at /definitions; pages and exports link each figure to it.
//
// Figures computed in the aggregate store have the same id as the store's figure, and the
// version here must equal the version its SQL says it computes (aggregate_figure_sources); a
// test holds the two together. To change what a stored figure counts: write a migration that
// replaces its view, bumps its version and rebuilds the store, bump the version here, add the
// new version's note to `changes`, and say what changed in the catalogue.
import type { IsoDate } from './calendar-dates.js';

export type FigureSource =
  /** Counted in the aggregate store from case records. */
  | 'store'
  /** Entered by the PCC office (spend). */
  | 'entered'
  /** Worked out from other figures when a report is read. */
  | 'derived';

export interface FigureDefinition {
  id: string;
  version: number;
  source: FigureSource;
  /** The figures a derived figure is worked out from. */
  from?: readonly string[];
  /** When each version took effect, oldest first; the last is `version`. */
  changes: readonly { version: number; on: IsoDate }[];
}

/** A figure whose definition changed on `on`: version 2. */
const second = (id: string, on: IsoDate): FigureDefinition => ({
  id,
  version: 2,
  source: 'store',
  changes: [
    { version: 1, on: '2026-07-01' },
    { version: 2, on },
  ],
});

const first = (id: string, source: FigureSource, from?: string[]): FigureDefinition => ({
  id,
  version: 1,
  source,
  ...(from ? { from } : {}),
  changes: [{ version: 1, on: '2026-07-01' }],
});

export const FIGURES: readonly FigureDefinition[] = [
  // Version 3: what the harm was, a crime or not (migration 0033).
  {
    id: 'referrals_received',
    version: 3,
    source: 'store',
    changes: [
      { version: 1, on: '2026-07-01' },
      { version: 2, on: '2026-12-06' },
      { version: 3, on: '2026-12-06' },
    ],
  },
  first('victims_code', 'store'),
  // Version 2: only victim-offender processes reach "intervention held" (migration 0030).
  second('funnel', '2026-12-06'),
  first('cases_opened', 'store'),
  first('first_contact', 'store'),
  first('offers', 'store'),
  first('consents', 'store'),
  // Version 2: victim-offender processes only; victim awareness work is counted on its own.
  second('interventions_held', '2026-12-06'),
  first('victim_awareness_work', 'store'),
  first('cases_closed', 'store'),
  first('time_recorded', 'store'),
  first('miles_recorded', 'store'),
  first('closed_case_time', 'store'),
  first('wellbeing', 'store'),
  first('satisfaction', 'store'),
  first('reoffending', 'store'),
  first('testimonials', 'store'),
  first('awareness', 'store'),
  first('awareness_hours', 'store'),
  first('people_referred', 'store'),
  first('people_took_part', 'store'),
  first('people_completed', 'store'),
  first('rj_spend', 'entered'),
  first('amount_invested', 'derived', ['rj_spend']),
  first('persons_supported', 'derived', ['people_referred']),
  first('cost_per_case', 'derived', ['rj_spend', 'cases_closed']),
  first('cost_per_completed_case', 'derived', ['rj_spend', 'cases_closed']),
  first('estimated_savings', 'derived', ['rj_spend']),
  // The whole-system view (src/features/national).
  first('provision_survey', 'entered'),
  first('rj_spend_share', 'derived', ['provision_survey']),
  first('quality_mark', 'derived', ['provision_survey']),
  first('agencies_covered', 'derived', ['provision_survey']),
  first('victims_told_returns', 'entered'),
  first('victims_told_waymark', 'derived', ['victims_code']),
  first('referrals_per_100k', 'derived', ['referrals_received']),
];

export type FigureId = string;

const byId = new Map(FIGURES.map((figure) => [figure.id, figure]));

export function figureDefinition(id: string): FigureDefinition | undefined {
  return byId.get(id);
}

/** A figure's definition, or an error naming it (a report must not show an undefined figure). */
export function requireFigure(id: string): FigureDefinition {
  const figure = byId.get(id);
  if (!figure) throw new Error(`No definition for the figure ${id}`);
  return figure;
}

/** The ids of the figures the aggregate store computes. */
export const STORED_FIGURES = FIGURES.filter((f) => f.source === 'store').map((f) => f.id);

/**
 * The stages of a referral's journey, in order, as the store's funnel figure names them: each
 * referral is counted at the furthest it has got.
 */
export const FUNNEL_STAGES = [
  'waiting',
  'declined',
  'opened',
  'contacted',
  'offered',
  'agreed',
  'consented',
  'intervention_held',
  'completed',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** The stages a case can reach once a referral is accepted (the funnel's rows "reached"). */
export const CASE_FUNNEL_STAGES = FUNNEL_STAGES.slice(2);

/** Flags a referral may carry that reports count, by the code the store records. */
export const REFERRAL_FLAGS = ['sv_da'] as const;
