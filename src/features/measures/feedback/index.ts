// Satisfaction questionnaires and testimonials: the use cases behind a case's Feedback tab, the
// JSON API, the CSV import, the questionnaire editor and the public one-time link pages, and the
// figures the service outcomes page reads. Each case use case goes through the case kernel.
import type { CaseDeps } from '../../cases/index.js';
import { linkAnswers } from './answer-link.js';
import { createLink, linkForm, type LinkDeps } from './create-link.js';
import { questionnaireEditing } from './editing.js';
import { satisfactionImport } from './import/service.js';
import { recordFromApi, recordFromForm } from './record-response.js';
import { responsesForPeriod } from './responses-for-period.js';
import { setOnlineContact } from './set-online-contact.js';
import { testimonialUseCases } from './testimonials.js';
import {
  feedbackEntryForm,
  onlineContactForm,
  viewFeedback,
  viewResponse,
} from './view-feedback.js';

export type FeedbackDeps = LinkDeps & CaseDeps;

export function feedbackService(deps: FeedbackDeps) {
  return {
    tab: viewFeedback(deps),
    entryForm: feedbackEntryForm(deps),
    recordFromForm: recordFromForm(deps),
    recordFromApi: recordFromApi(deps),
    response: viewResponse(deps),
    setOnlineContact: setOnlineContact(deps),
    onlineContactForm: onlineContactForm(deps),
    responsesForPeriod: responsesForPeriod(deps),
    ...questionnaireEditing(deps),
    linkForm: linkForm(deps),
    createLink: createLink(deps),
    ...linkAnswers(deps),
    ...testimonialUseCases(deps),
    /** The CSV import (waymark import satisfaction). */
    import: satisfactionImport(deps),
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
export type { ResponseForPeriod } from './responses-for-period.js';
export { LINK_DAYS } from './create-link.js';
