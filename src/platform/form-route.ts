// A page with a form whose view is built by the feature itself (a tab, or a form whose
// questions come from data), where a declared page (form-page.ts) does not fit: GET shows it;
// POST saves and redirects (post/redirect/get), or shows it again with what was typed and every
// problem, answering 400 (a mistake) or 409 (a refusal).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Translate } from './i18n/index.js';
import { mistakesOf, presentForm, problemsOf, type PresentedForm } from './forms.js';

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
  /**
   * Saves, and answers where to go next; or answers itself and gives back its reply, for a
   * page shown in answer to the save (a secret shown once, with 201).
   */
  save(request: FastifyRequest, reply: FastifyReply): Promise<string | FastifyReply>;
  /** The POST's route config (a rate limit). */
  postConfig?: RouteShorthandOptions['config'];
  /** Where the error summary points for a refusal that names no field. */
  refusalField?: string;
  /** Date fields typed as day, month and year, shown again as typed. */
  dateFields?: string[];
  /** 303 where the next page is not the one the form was on. */
  redirectStatus?: 302 | 303;
  /**
   * A form that can only be mistaken (400): a refusal is not the form's to show, and goes on to
   * the error pages.
   */
  mistakesOnly?: boolean;
  /**
   * For a form that carries back the version of the record it was built from (a hidden
   * `version`): whether a refusal says the record changed since. After that refusal the page
   * is shown without the typed version, so it shows the current one and saving again is a
   * deliberate choice; after a mistake it keeps the typed one, so a change made meanwhile by
   * someone else is still caught.
   */
  changedSince?(error: unknown): boolean;
  /** What was typed as the page shows it again (ticked boxes as a list, say). */
  typed?(body: Record<string, unknown>): Record<string, unknown>;
}

function withoutVersion(values: Record<string, unknown>) {
  const { version: _shown, ...rest } = values;
  return rest;
}

/** A POST that failed: the form again with what was typed and its problems, and the status. */
export function shownAgain(
  route: Omit<FormRoute, 'path' | 'render' | 'save'>,
  t: Translate,
  body: unknown,
  error: unknown,
): { form: PresentedForm; status: number } {
  const { errors, status } = route.mistakesOnly
    ? { errors: mistakesOf(error), status: 400 }
    : problemsOf(error, route.refusalField);
  const sent = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values = route.changedSince?.(error) ? withoutVersion(sent) : sent;
  return {
    form: presentForm(t, route.typed ? route.typed(values) : values, errors, route.dateFields),
    status,
  };
}

/** Who may use the page (none, for a public page). */
type Guard = RouteShorthandOptions['preHandler'];

/** The POST alone, for a form shown on a page registered elsewhere (a tab, a record's page). */
export function formPost(app: FastifyInstance, guard: Guard, route: FormRoute) {
  const options = { preHandler: guard, config: route.postConfig };
  app.post(route.path, options, async (request, reply) => {
    try {
      const next = await route.save(request, reply);
      return typeof next === 'string' ? reply.redirect(next, route.redirectStatus) : next;
    } catch (error) {
      const { form, status } = shownAgain(route, request.t, request.body, error);
      return route.render(request, reply, form, status);
    }
  });
}

export function formRoute(app: FastifyInstance, guard: Guard, route: FormRoute) {
  app.get(route.path, { preHandler: guard }, (request, reply) => route.render(request, reply));
  formPost(app, guard, route);
}

/** The `:id` in the address. */
export const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
