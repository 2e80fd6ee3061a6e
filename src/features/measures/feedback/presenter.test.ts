import { describe, expect, it } from 'vitest';
import { presentForm } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { deliveryItems, editorQuestions } from './presenter.js';
import { feedbackFlash, presentFeedbackTab, type FeedbackTab } from './tab-presenter.js';

// Keys and their parameters, so a test sees what would be said without the catalogue.
const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('the Feedback tab', () => {
  const person = (extra: Record<string, unknown>) => ({
    id: 'p1',
    display_name: 'Hana',
    role: 'harmed',
    audience: 'harmed',
    responses: [{ id: 'r1', channel: 'paper' }],
    links: [1, 2, 3, 4].map((n) => ({
      delivery: 'email',
      created_at: new Date(`2026-11-0${n}T10:00:00Z`),
      status: 'expired',
    })),
    ...extra,
  });
  const view = {
    people: [person({}), person({ id: 'p2', role: 'supporter', audience: null })],
    testimonials: [{ id: 't1', consent_scope: 'public' }],
    mayCreateLinks: true,
    mayEditQuestionnaires: false,
  } as unknown as FeedbackTab;

  it('shows only the people a questionnaire is for, with their latest three links', () => {
    const tab = presentFeedbackTab(view, t);
    expect(tab.people.map((p) => p.id)).toEqual(['p1']);
    expect(tab.people[0]!.roleText).toBe('cases.roles.harmed');
    expect(tab.people[0]!.responses[0]!.channelText).toBe('feedback.channels.paper');
    expect(tab.people[0]!.links).toHaveLength(3);
    expect(tab.testimonials[0]!.scopeText).toBe('feedback.testimonials.scopeShort.public');
    expect(tab).toMatchObject({ mayCreateLinks: true, mayEditQuestionnaires: false });
  });

  it('says what was done, and nothing for a message it does not know', () => {
    expect(feedbackFlash('emailed', t)).toBe('feedback.flash.emailed');
    expect(feedbackFlash('testimonial-approved', t)).toBe('feedback.testimonials.flash.approved');
    expect(feedbackFlash('testimonial-nonsense', t)).toBeUndefined();
    expect(feedbackFlash('<script>', t)).toBeUndefined();
    expect(feedbackFlash(undefined, t)).toBeUndefined();
  });
});

describe('making a link', () => {
  const form = presentForm(t, { delivery: 'handed_over' });

  it('offers email only when nothing stops it, and handing over always', () => {
    const both = deliveryItems({
      refusals: { email: null },
      participant: { contact_email: 'h@example.org' },
      form,
      t,
    });
    expect(both.map((i) => i.value)).toEqual(['email', 'handed_over']);
    expect(both[1]!.checked).toBe(true);
    const byHand = deliveryItems({
      refusals: { email: 'feedback.links.errors.unsafe' },
      participant: { contact_email: 'h@example.org' },
      form,
      t,
    });
    expect(byHand.map((i) => i.value)).toEqual(['handed_over']);
  });
});

describe('the questionnaire editor', () => {
  const items = [
    { id: 'prepared', type: 'likert', text: { en: 'I felt prepared' } },
    { id: 'safe', type: 'yes_no', text: { en: 'I felt safe' }, retired: true },
  ] as never;

  it('shows each question as worded and whether it is asked', () => {
    const rows = editorQuestions({ items, values: undefined, form: presentForm(t), t });
    expect(rows.map((r) => [r.id, r.asked])).toEqual([
      ['prepared', true],
      ['safe', false],
    ]);
  });

  it('keeps what was typed after a mistake', () => {
    const values = { item_text: ['Prepared?', ''], asked: ['safe'] };
    const rows = editorQuestions({ items, values, form: presentForm(t, values), t });
    expect(rows.map((r) => [r.text, r.asked])).toEqual([
      ['Prepared?', false],
      ['', true],
    ]);
  });
});
