// Figure definitions as people read them: the domain's list (id, version, history) with the
// plain-English text from the catalogue. Pages, the JSON, exports' cover sheets and the national
// pages all use this one presenter.
import { FIGURES, figureDefinition, type FigureDefinition } from '../../domain/figures.js';
import { INTERVENTION_MODE } from '../../domain/interventions.js';
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import type { Translate } from '../../platform/i18n/index.js';

export interface PresentedDefinition {
  id: string;
  version: number;
  title: string;
  counts: string;
  date: string;
  excludes: string;
  source: FigureDefinition['source'];
  sourceText: string;
  from: string[];
  changes: { version: number; on: string; note: string }[];
  url: string;
  /** Extra facts a definition lists (the kinds of intervention in each group). */
  lists: { heading: string; items: string[] }[];
}

export const definitionUrl = (id: string) => `/definitions/${id}`;

function listsFor(id: string, t: Translate): PresentedDefinition['lists'] {
  if (id !== 'interventions_held') return [];
  return (['direct', 'indirect'] as const).map((mode) => ({
    heading: t(`reports.modes.${mode}`),
    items: Object.entries(INTERVENTION_MODE)
      .filter(([, m]) => m === mode)
      .map(([kind]) => t(`cases.interventionKinds.${kind}`)),
  }));
}

export function presentDefinition(figure: FigureDefinition, t: Translate): PresentedDefinition {
  const text = (part: string) => t(`figures.${figure.id}.${part}`);
  const from = (figure.from ?? []).map((id) => t(`figures.${id}.title`));
  return {
    id: figure.id,
    version: figure.version,
    title: text('title'),
    counts: text('counts'),
    date: text('date'),
    excludes: text('excludes'),
    source: figure.source,
    sourceText: t(`definitions.sources.${figure.source}`, { from: from.join(', ') }),
    from: figure.from ? [...figure.from] : [],
    changes: figure.changes.map((c) => ({
      version: c.version,
      on: c.on,
      note: t(`figures.${figure.id}.changes.v${c.version}`),
    })),
    url: definitionUrl(figure.id),
    lists: listsFor(figure.id, t),
  };
}

export function presentDefinitions(t: Translate): PresentedDefinition[] {
  return FIGURES.map((figure) => presentDefinition(figure, t));
}

export function presentDefinitionById(id: string, t: Translate): PresentedDefinition | undefined {
  const figure = figureDefinition(id);
  return figure && presentDefinition(figure, t);
}

/** The definitions as JSON: every figure, and how small numbers are hidden. */
export function definitionsDocument(t: Translate, threshold: number) {
  return {
    definitions: presentDefinitions(t).map(({ lists, sourceText: _sourceText, ...rest }) => ({
      ...rest,
      ...(lists.length ? { lists } : {}),
    })),
    suppression: { threshold, marker: SUPPRESSED_MARKER },
  };
}
