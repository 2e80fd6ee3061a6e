// Wellbeing as the tests post it: the shipped categories of need by short name, and a measure
// form as a browser sends it.
export const KEYS = {
  health: 'mental-and-physical-health',
  shelter: 'shelter-and-accommodation',
  family: 'family-friends-and-children',
  education: 'education-skills-and-employment',
  drugs: 'drugs-and-alcohol',
  finance: 'finance-and-benefits',
  outlook: 'outlook-and-attitudes',
  social: 'social-interaction',
};

/** The shipped categories of need, in their order. */
export const CATEGORY_KEYS = Object.values(KEYS);

/** A measure form as a browser posts it: the date's three boxes and a radio per category. */
export function measure(
  date: string,
  scores: Record<string, number>,
  extra: Record<string, string> = {},
) {
  const [year, month, day] = date.split('-');
  return {
    'taken_on-day': day!,
    'taken_on-month': month!,
    'taken_on-year': year!,
    ...Object.fromEntries(
      Object.entries(scores).map(([key, score]) => [`scores.${key}`, String(score)]),
    ),
    ...extra,
  };
}
