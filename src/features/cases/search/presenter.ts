// What the filter panel of the "all cases" page shows: the options, ticked as asked, and each
// chosen filter as a tag whose link removes it.
import { CASE_STAGES } from '../../../domain/case-lifecycle.js';
import { formatDate } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { INTERVENTION_KINDS } from '../interventions/schemas.js';
import { SEARCH_DATES_OF, searchHref, type CaseSearch } from './schemas.js';

export function presentSearch(search: CaseSearch, t: Translate) {
  const without = (changes: Partial<CaseSearch>) => searchHref(search, { ...changes, page: 1 });
  const categories = [
    {
      heading: t('cases.search.stage'),
      items: search.stages.map((stage) => ({
        text: t(`cases.stages.${stage}`),
        href: without({ stages: search.stages.filter((s) => s !== stage) }),
      })),
    },
    {
      heading: t('cases.search.kind'),
      items: search.kinds.map((kind) => ({
        text: t(`cases.interventionKinds.${kind}`),
        href: without({ kinds: search.kinds.filter((k) => k !== kind) }),
      })),
    },
    {
      heading: t(`cases.search.datesOf.${search.dateOf}`),
      items: [
        ...(search.from
          ? [
              {
                text: t('cases.search.fromTag', { date: formatDate(search.from) }),
                href: without({ from: undefined }),
              },
            ]
          : []),
        ...(search.to
          ? [
              {
                text: t('cases.search.toTag', { date: formatDate(search.to) }),
                href: without({ to: undefined }),
              },
            ]
          : []),
      ],
    },
  ].filter((c) => c.items.length > 0);
  return {
    selected: categories,
    clearHref: searchHref({
      ...search,
      stages: [],
      kinds: [],
      from: undefined,
      to: undefined,
      page: 1,
    }),
    stageItems: CASE_STAGES.map((s) => ({
      value: s,
      text: t(`cases.stages.${s}`),
      checked: search.stages.includes(s),
    })),
    kindItems: INTERVENTION_KINDS.map((k) => ({
      value: k,
      text: t(`cases.interventionKinds.${k}`),
      checked: search.kinds.includes(k),
    })),
    dateOfItems: SEARCH_DATES_OF.map((d) => ({
      value: d,
      text: t(`cases.search.datesOf.${d}`),
      checked: search.dateOf === d,
    })),
  };
}
