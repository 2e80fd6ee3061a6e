// One question page of a case tab, declared once: what it loads, which fields it asks, what
// saving does. GET shows it; POST saves and redirects (post/redirect/get), or shows it again
// with every problem and with what was typed, answering 400 (invalid) or 409 (refused).
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { isAppError, type FieldError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { CaseRow } from '../kernel/index.js';
import { caseHeader } from '../presenters.js';
import { presentFields, readFields, type Choice, type Field } from './fields.js';

export type Params = Record<string, string>;
export type Query = Record<string, string | undefined>;

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

export interface FormPage<V extends { case: CaseRow }> {
  /** The address, e.g. '/cases/:id/interventions/:interventionId/outcome'. */
  path: string;
  tab: 'interventions' | 'agreement';
  /** Reads what the page needs through an audited service call (404 if it is not there). */
  load(request: FastifyRequest, params: Params): Promise<V>;
  /** Translation key of the page's heading. */
  title: string;
  fields: Field[];
  /** Translation key of the save button. */
  submit: string;
  choices?(view: V, params: Params, t: Translate): Record<string, Choice[]>;
  /** What the form shows before anything is typed (an edit shows what was saved). */
  initial?(view: V, params: Params): Record<string, unknown>;
  /** Rows above the form saying what is being recorded. */
  context?(view: V, params: Params, t: Translate): SummaryRow[];
  intro?(view: V, params: Params, t: Translate, query: Query): string | undefined;
  flash?(query: Query, t: Translate): string | undefined;
  back(params: Params, query: Query): { href: string; text: string };
  /** Saves, and answers where to go next. */
  save(request: FastifyRequest, params: Params, input: Record<string, unknown>): Promise<string>;
}

export function registerFormPage<V extends { case: CaseRow }>(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  page: FormPage<V>,
) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    shown: { values?: Record<string, unknown>; errors?: FieldError[]; status?: number } = {},
  ) {
    const params = request.params as Params;
    const query = (request.query ?? {}) as Query;
    const t = request.t;
    const view = await page.load(request, params);
    const header = caseHeader(view.case, page.tab, t);
    const values = shown.values ?? page.initial?.(view, params) ?? {};
    const back = page.back(params, query);
    // A refused save shows the case's current version, so saving again is a deliberate choice;
    // a form with mistakes keeps the version it was built from.
    const typedVersion = (request.body as Params | undefined)?.version;
    return reply.code(shown.status ?? 200).view('cases/interventions/views/form-page.njk', {
      header,
      version: shown.status === 409 || !typedVersion ? header.version : typedVersion,
      title: t(page.title),
      action: request.url.split('?')[0],
      context: page.context?.(view, params, t) ?? [],
      intro: page.intro?.(view, params, t, query),
      flash: page.flash?.(query, t),
      form: presentFields({
        fields: page.fields,
        values,
        errors: shown.errors,
        t,
        choices: page.choices?.(view, params, t),
      }),
      submit: t(page.submit),
      back: { href: back.href, text: t(back.text) },
    });
  }

  app.get(page.path, { preHandler: guard }, (request, reply) => render(request, reply));

  app.post(page.path, { preHandler: guard }, async (request, reply) => {
    const { input, typed } = readFields(page.fields, request.body);
    try {
      return reply.redirect(await page.save(request, request.params as Params, input));
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'conflict' && error.kind !== 'validation'))
        throw error;
      // A refusal says what was refused, then each reason; a mistake is named at each field.
      const main: FieldError = { field: 'form', key: error.messageKey, params: error.params };
      const errors: FieldError[] =
        error.kind === 'validation' ? error.fieldErrors : [main, ...error.fieldErrors];
      return render(request, reply, {
        values: typed,
        errors,
        status: error.kind === 'conflict' ? 409 : 400,
      });
    }
  });
}
