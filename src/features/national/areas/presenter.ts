// An area's page: where it sits on the tile map, and its survey answers year by year.
import { answerText, AGENCIES, surveyQuestions } from '../../../domain/provision-survey.js';
import type { Answers } from '../../../domain/provision-survey.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { answerWords } from '../provision/pages.js';
import { mapSize, placedTile } from '../map/tiles.js';

/** The tile map with one area marked: every other tile plain, unlabelled by any value. */
export function presentLocator(
  t: Translate,
  areas: { id: string; name: string }[],
  current: string,
) {
  const currentName = areas.find((a) => a.id === current)?.name ?? current;
  return {
    measure: 'locator',
    title: t('national.area.locatorTitle', { area: currentName }),
    ...mapSize(),
    tiles: areas.map((area) => {
      const here = area.id === current;
      return {
        ...placedTile(area.id),
        fill: here ? '#1d70b8' : '#dee0e2',
        ink: here ? '#ffffff' : '#0b0c0c',
        value: '',
        short: '',
        label: here ? t('national.area.thisArea', { area: area.name }) : area.name,
        current: here,
      };
    }),
  };
}

/** Each question's answer in each year an area answered (its current response for the year). */
export function answersByYear(
  t: Translate,
  responses: { year: number; current: boolean; answers: Answers }[],
) {
  const current = responses.filter((r) => r.current).sort((a, b) => b.year - a.year);
  const questions = surveyQuestions(AGENCIES);
  return {
    years: current.map((r) => r.year),
    rows: questions.map((question) => [
      { text: t(`national.provision.questions.${question.id}.short`) },
      ...current.map((r) => ({
        text: answerWords(t, question, answerText(r.answers[question.id])),
      })),
    ]),
  };
}
