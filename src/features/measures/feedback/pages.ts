// What the Feedback pages share: their guards, the tab's address, and what was done.
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../services.js';
import { londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';

export type Params = { id: string; pid: string; rid: string; tid: string; audience: string };

export const doneOf = (request: FastifyRequest) => {
  const done = (request.query as { done?: unknown } | undefined)?.done;
  return typeof done === 'string' ? done : undefined;
};

export const tabUrl = (id: string, done?: string) =>
  `/cases/${id}/feedback${done ? `?done=${done}` : ''}`;

export function feedbackPages(services: Services) {
  return {
    feedback: services.feedback,
    guard: requireCapability(services.access, 'work_cases', 'case.feedback_page'),
    manager: requireCapability(services.access, 'manage_service', 'questionnaire.page'),
    today: () => londonDate(services.clock.now()),
  };
}
