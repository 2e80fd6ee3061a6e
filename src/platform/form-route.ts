// A page with a form whose view is built by the feature itself (a tab, or a form whose
// questions come from data), where a declared page (form-page.ts) does not fit: GET shows it;
// POST saves and redirects (post/redirect/get), or shows it again with what was typed and every
// problem, answering 400 (a mistake) or 409 (a refusal).
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { presentForm, problemsOf, type PresentedForm } from './forms.js';

/** Shows the page: empty (`form` left out) or as typed, with its problems and status. */
export type RenderForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  form?: PresentedForm,
  status?: number,
) => Promise<unknown>;

export interface FormRoute {
  path: string;
  render: RenderForm;
  /** Saves, and answers where to go next. */
  save(request: FastifyRequest): Promise<string>;
  /** Where the error summary points for a refusal that names no field. */
  refusalField?: string;
  /** Date fields typed as day, month and year, shown again as typed. */
  dateFields?: string[];
  /** 303 where the next page is not the one the form was on. */
  redirectStatus?: 302 | 303;
}

export function formRoute(app: FastifyInstance, guard: preHandlerHookHandler, route: FormRoute) {
  app.get(route.path, { preHandler: guard }, (request, reply) => route.render(request, reply));
  app.post(route.path, { preHandler: guard }, async (request, reply) => {
    try {
      return reply.redirect(await route.save(request), route.redirectStatus);
    } catch (error) {
      const { errors, status } = problemsOf(error, route.refusalField);
      const typed = (request.body ?? {}) as Record<string, unknown>;
      const form = presentForm(request.t, typed, errors, route.dateFields);
      return route.render(request, reply, form, status);
    }
  });
}

/** The `:id` in the address. */
export const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
