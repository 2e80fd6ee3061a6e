// The Feedback tab as its template shows it: each person a questionnaire is for, with their
// responses and latest links, the testimonials, and the message after a change. Pure.
import { formatDate } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { FeedbackService } from './index.js';

export type FeedbackTab = Awaited<ReturnType<FeedbackService['tab']>>;

const FLASHES = ['recorded', 'contact', 'emailed'];
const TESTIMONIAL_FLASHES = ['recorded', 'approved', 'anonymised', 'removed'];

/** The message shown after a change (`?done=`), if it is one the tab knows. */
export function feedbackFlash(done: string | undefined, t: Translate): string | undefined {
  if (!done) return undefined;
  if (FLASHES.includes(done)) return t(`feedback.flash.${done}`);
  const testimonial = /^testimonial-(.+)$/.exec(done)?.[1];
  if (testimonial && TESTIMONIAL_FLASHES.includes(testimonial))
    return t(`feedback.testimonials.flash.${testimonial}`);
  return undefined;
}

export function presentFeedbackTab(view: FeedbackTab, t: Translate, done?: string) {
  return {
    people: view.people
      .filter((p) => p.audience)
      .map((p) => ({
        ...p,
        roleText: t(`cases.roles.${p.role}`),
        responses: p.responses.map((r) => ({
          ...r,
          channelText: t(`feedback.channels.${r.channel}`),
        })),
        // The latest three links: enough to see whether one is waiting.
        links: p.links.slice(0, 3).map((l) => ({
          text: t('feedback.person.linkLine', {
            delivery: t(`feedback.deliveries.${l.delivery}`),
            date: formatDate(l.created_at),
            status: t(`feedback.linkStatuses.${l.status}`),
          }),
        })),
      })),
    testimonials: view.testimonials.map((tm) => ({
      ...tm,
      scopeText: t(`feedback.testimonials.scopeShort.${tm.consent_scope}`),
    })),
    mayCreateLinks: view.mayCreateLinks,
    mayEditQuestionnaires: view.mayEditQuestionnaires,
    flash: feedbackFlash(done, t),
  };
}
