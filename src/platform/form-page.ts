// One question page, declared once: what it loads, which fields it asks, what saving does. GET
// shows it; POST saves and redirects (post/redirect/get), or shows it again with every problem
// and with what was typed, answering 400 (a mistake) or 409 (a refusal). A feature gives the
// frame its pages share (the template, and what surrounds the form) once, and then declares
// pages; the route file only registers them.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { FieldError } from './errors.js';
import { presentFields, readFields, type Choice, type Field } from './fields.js';
import { problemsOf } from './forms.js';
import type { Translate } from './i18n/index.js';

export type Params = Record<string, string>;
export type Query = Record<string, string | undefined>;

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

export interface FormPage<V> {
  /** The address, e.g. '/cases/:id/interventions/:interventionId/outcome'. */
  path: string;
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

/** What a family of pages shares: the template, and what it shows around the form. */
export interface PageFrame<V> {
  template: string;
  /** Template values around the form (a case's header, say). */
  around(view: V, t: Translate): Record<string, unknown>;
  /**
   * The version of the record the page shows, for a form that changes something that exists:
   * the form carries it back, so a change made from an out-of-date page is refused.
   */
  version?(view: V): number;
}

export interface ShownForm {
  values?: Record<string, unknown>;
  errors?: FieldError[];
  status?: number;
}

/** The page's template values: a pure function of what was loaded and what was typed. */
export function presentFormPage<V>(
  frame: PageFrame<V>,
  page: FormPage<V>,
  at: {
    view: V;
    params: Params;
    query: Query;
    t: Translate;
    action: string;
    typedVersion?: string;
  },
  shown: ShownForm = {},
) {
  const { view, params, query, t } = at;
  const back = page.back(params, query);
  const version = frame.version?.(view);
  return {
    ...frame.around(view, t),
    // A refused save shows the record's current version, so saving again is a deliberate
    // choice; a form with mistakes keeps the version it was built from.
    version: shown.status === 409 || !at.typedVersion ? version : at.typedVersion,
    title: t(page.title),
    action: at.action,
    context: page.context?.(view, params, t) ?? [],
    intro: page.intro?.(view, params, t, query),
    flash: page.flash?.(query, t),
    form: presentFields({
      fields: page.fields,
      values: shown.values ?? page.initial?.(view, params) ?? {},
      errors: shown.errors,
      t,
      choices: page.choices?.(view, params, t),
    }),
    submit: t(page.submit),
    back: { href: back.href, text: t(back.text) },
  };
}

/** Registers the declaring function's pages, each GET and POST behind `guard`, in `frame`. */
export function formPages<V>(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  frame: PageFrame<V>,
) {
  return function registerFormPage<W extends V>(page: FormPage<W>) {
    const framed = frame as PageFrame<W>;

    async function render(request: FastifyRequest, reply: FastifyReply, shown?: ShownForm) {
      const params = request.params as Params;
      const view = await page.load(request, params);
      const locals = presentFormPage(
        framed,
        page,
        {
          view,
          params,
          query: (request.query ?? {}) as Query,
          t: request.t,
          action: request.url.split('?')[0]!,
          typedVersion: (request.body as Params | undefined)?.version,
        },
        shown,
      );
      return reply.code(shown?.status ?? 200).view(frame.template, locals);
    }

    app.get(page.path, { preHandler: guard }, (request, reply) => render(request, reply));

    app.post(page.path, { preHandler: guard }, async (request, reply) => {
      const { input, typed } = readFields(page.fields, request.body);
      try {
        return reply.redirect(await page.save(request, request.params as Params, input));
      } catch (error) {
        // A refusal says what was refused, then each reason; a mistake is named at each field.
        const { errors, status } = problemsOf(error, { refusalFirst: true });
        return render(request, reply, { values: typed, errors, status });
      }
    });
  };
}
