// The Wellbeing tab in words and numbers: for each person, their scores at each measure (with a
// category's name as it was when an old measure was taken), the distance travelled from entry
// to exit as a chart that is a table first, and their cope-and-recover goals.
import {
  distanceTravelled,
  labelAt,
  measureKindsOffered,
  type Scores,
} from '../../../domain/measures.js';
import { formatChartValue, presentChart } from '../../../platform/charts.js';
import { formatDate } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { isActive } from './categories.js';
import type { WellbeingService } from './index.js';

type TabData = Awaited<ReturnType<WellbeingService['tab']>>;
type Measure = TabData['measures'][number];

const KIND_PATHS = { entry: 'entry', exit: 'exit', follow_up: 'follow-up' } as const;
export const kindFromPath = (segment: string) =>
  (Object.entries(KIND_PATHS).find(([, path]) => path === segment)?.[0] ?? null) as
    keyof typeof KIND_PATHS | null;

export function presentWellbeing(data: TabData, t: Translate) {
  const caseId = data.case.id;
  const scoresOf = (measure: Measure | undefined): Scores | null =>
    measure
      ? new Map(
          data.scores.filter((s) => s.measureId === measure.id).map((s) => [s.categoryId, s.score]),
        )
      : null;

  return data.participants.map((person) => {
    const measures = data.measures.filter((m) => m.participantId === person.id);
    const entry = measures.find((m) => m.kind === 'entry');
    const exit = measures.find((m) => m.kind === 'exit');
    const scored = new Set(
      data.scores
        .filter((s) => measures.some((m) => m.id === s.measureId))
        .map((s) => s.categoryId),
    );
    const shown = data.categories.filter((c) => isActive(c) || scored.has(c.id));
    const base = `/cases/${caseId}/wellbeing/${person.id}`;
    const withdrawn = person.consentStatus === 'withdrawn';
    const hidden = t('measures.wellbeing.actionsHidden', { name: person.name });
    const actions = withdrawn
      ? []
      : [
          ...measureKindsOffered(measures).map((kind) => ({
            key: kind,
            href: `${base}/${KIND_PATHS[kind]}`,
          })),
          { key: 'goal', href: `${base}/goals` },
        ].map((a) => ({
          text: t(`measures.wellbeing.actions.${a.key}`),
          href: a.href,
          hidden,
          qa: `wellbeing-${a.key}`,
        }));

    const columns = measures.map((m) => ({
      measure: m,
      scores: scoresOf(m)!,
      heading: t('measures.wellbeing.scores.measure', {
        kind: t(`measures.wellbeing.kinds.${m.kind}`),
        date: formatDate(m.takenOn),
      }),
    }));
    const rows = shown.map((category) => {
      const history = data.history.get(category.id) ?? [];
      // Each earlier name, with the measures taken while the category had it.
      const earlier = new Map<string, string[]>();
      for (const c of columns.filter((c) => c.scores.has(category.id))) {
        const label = labelAt(history, c.measure.createdAt, category.label);
        if (label === category.label) continue;
        earlier.set(label, [
          ...(earlier.get(label) ?? []),
          t(`measures.wellbeing.kindsLong.${c.measure.kind}`),
        ]);
      }
      const then = [...earlier].map(([label, kinds]) =>
        t('measures.wellbeing.scores.labelThen', {
          label,
          kind: kinds.join(t('measures.wellbeing.scores.and')),
        }),
      );
      return {
        label: category.label,
        retired: !isActive(category),
        then,
        cells: columns.map((c) =>
          c.scores.has(category.id)
            ? String(c.scores.get(category.id))
            : t('measures.wellbeing.scores.notScored'),
        ),
      };
    });

    const distance =
      entry && exit
        ? distanceTravelled(
            scoresOf(entry),
            scoresOf(exit),
            shown.map((c) => c.id),
          )
        : null;
    const labelOf = new Map(shown.map((c) => [c.id, c.label]));
    const chart = distance
      ? presentChart({
          id: `distance-${person.id}`,
          kind: 'horizontalBar',
          title: t('measures.wellbeing.distance.chart', { name: person.name }),
          labels: [
            ...distance.perCategory.map((c) => labelOf.get(c.categoryId) ?? ''),
            t('measures.wellbeing.distance.overall', { n: distance.categoriesCompared }),
          ],
          series: [
            {
              label: t('measures.wellbeing.distance.change'),
              values: [...distance.perCategory.map((c) => c.change), distance.overall],
            },
          ],
          labelHeading: t('measures.wellbeing.distance.category'),
          format: 'signed',
          min: -4,
          max: 4,
        })
      : undefined;
    const noChange = (distance?.perCategory ?? [])
      .filter((c) => c.change === null)
      .map((c) =>
        t('measures.wellbeing.distance.noChange', {
          category: labelOf.get(c.categoryId) ?? '',
          reason: t(`measures.wellbeing.distance.${c.entry === null ? 'notAtEntry' : 'notAtExit'}`),
        }),
      );

    const goals = data.goals
      .filter((g) => g.participantId === person.id)
      .map((g) => ({
        category: data.categories.find((c) => c.id === g.categoryId)?.label ?? '',
        goal: g.goal,
        setOn: g.setOn,
        review: g.reviewOutcome
          ? t('measures.wellbeing.goals.reviewedOn', {
              outcome: t(`measures.wellbeing.goals.outcomes.${g.reviewOutcome}`),
              date: formatDate(g.reviewedOn),
            })
          : t('measures.wellbeing.goals.notReviewed'),
        reviewed: g.reviewOutcome !== null,
        note: g.reviewNote,
      }));
    if (goals.length > 0 && !withdrawn)
      actions.push({
        text: t('measures.wellbeing.actions.review'),
        href: `${base}/goals/review`,
        hidden,
        qa: 'wellbeing-review',
      });

    return {
      id: person.id,
      name: person.name,
      role: t(`cases.roles.${person.role}`),
      withdrawn,
      actions,
      state: measures.length === 0 ? 'none' : !entry ? 'onlyExit' : !exit ? 'onlyEntry' : 'both',
      scoreHead: columns.map((c) => c.heading),
      rows,
      measures: measures.map((m) => ({
        line: t('measures.wellbeing.measures.line', {
          kind: t(`measures.wellbeing.kinds.${m.kind}`),
          date: formatDate(m.takenOn),
        }),
        source:
          m.source === 'practitioner' && m.recordedBy
            ? t('measures.wellbeing.measures.by', { name: m.recordedBy })
            : t(`measures.wellbeing.measures.sources.${m.source}`),
        notes: m.notes,
      })),
      chart,
      overall:
        distance &&
        (distance.overall === null
          ? t('measures.wellbeing.distance.overallNone')
          : t('measures.wellbeing.distance.overallLine', {
              change: formatChartValue(distance.overall, 'signed'),
              n: distance.categoriesCompared,
            })),
      noChange,
      goals,
    };
  });
}
