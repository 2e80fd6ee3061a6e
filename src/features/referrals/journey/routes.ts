// The referral form: a start page, one question page per step (saved to a server-side draft
// whose id is in the address), check your answers, and a confirmation with the reference.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { referralSide } from '../../../domain/referral-sides.js';
import type { FieldError } from '../../../platform/errors.js';
import { mistakesOf } from '../../../platform/forms.js';
import { londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import type { Translate } from '../../../platform/i18n/index.js';
import {
  checkStep,
  displayAnswer,
  presentStep,
  readStep,
  type DynamicOptions,
} from './presenter.js';
import { fieldsOf, stepOfField, stepsFor, type Step } from './steps.js';

const START = 'referrals/views/journey/start.njk';
const STEP = 'referrals/views/journey/step.njk';
const CHECK = 'referrals/views/journey/check.njk';
const CONFIRMATION = 'referrals/views/journey/confirmation.njk';

type Audience = 'staff' | 'partner';

/** Staff are asked what a partner is not (the source, when it arrived): src/domain/referral-sides.ts. */
function audienceOf(request: FastifyRequest): Audience {
  return referralSide(request.actor!) === 'staff' ? 'staff' : 'partner';
}

export async function journeyRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'refer', 'referral_draft.page');

  async function dynamicOptions(t: Translate): Promise<DynamicOptions> {
    const lists = await services.referrals.options();
    return {
      service: lists.services.map((s) => ({
        value: s.slug,
        text: s.areaName ? `${s.name} (${s.areaName})` : s.name,
      })),
      source_org: [
        ...lists.organisations.map((o) => ({ value: o.slug, text: o.name })),
        { value: 'self', text: t('referrals.options.source.self') },
        { value: 'public', text: t('referrals.options.source.public') },
      ],
      offence_group: lists.offenceGroups.map((g) => ({ value: g.id, text: g.name })),
    };
  }

  const withEmpty = (dynamic: DynamicOptions, t: Translate): DynamicOptions =>
    Object.fromEntries(
      Object.entries(dynamic).map(([name, options]) => [
        name,
        [{ value: '', text: t('common.choose') }, ...(options ?? [])],
      ]),
    );

  function stepAt(
    request: FastifyRequest,
    slug: string,
  ): { steps: Step[]; step: Step; index: number } {
    const steps = stepsFor(audienceOf(request));
    const index = steps.findIndex((s) => s.slug === slug);
    if (index < 0) throw Object.assign(new Error('unknown step'), { statusCode: 404 });
    return { steps, step: steps[index]!, index };
  }

  async function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      id: string;
      slug: string;
      values: Record<string, unknown>;
      errors: FieldError[];
      status?: number;
    },
  ) {
    const { steps, step, index } = stepAt(request, options.slug);
    const dynamic = await dynamicOptions(request.t);
    const presented = presentStep({
      step,
      values: options.values,
      errors: options.errors,
      t: request.t,
      dynamic: withEmpty(dynamic, request.t),
    });
    const query = request.query as Record<string, string | undefined>;
    const previous =
      index > 0 ? `/referrals/drafts/${options.id}/${steps[index - 1]!.slug}` : '/referrals/new';
    return reply.code(options.status ?? 200).view(STEP, {
      draftId: options.id,
      step,
      stepNumber: index + 1,
      stepCount: steps.length,
      fields: presented.fields,
      form: { errorList: presented.errorList },
      returnTo: query.return === 'check' ? 'check' : '',
      backHref: query.return === 'check' ? `/referrals/drafts/${options.id}/check` : previous,
    });
  }

  async function renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const audience = audienceOf(request);
    const data = await services.referralDrafts.get(request.actor!, id);
    const dynamic = await dynamicOptions(request.t);
    const sections = (['referral', 'victim', 'offender'] as const).map((section) => ({
      section,
      rows: stepsFor(audience)
        .filter((step) => step.section === section)
        .flatMap((step) =>
          step.fields.map((field) => ({
            key: { text: request.t(`referrals.fields.${field.name}.label`) },
            value: { text: displayAnswer(field, data[field.name], request.t, dynamic) },
            actions: {
              items: [
                {
                  href: `/referrals/drafts/${id}/${step.slug}?return=check#${field.name}${field.kind === 'date' ? '-day' : ''}`,
                  text: request.t('referrals.check.change'),
                  visuallyHiddenText: request.t(`referrals.fields.${field.name}.label`),
                },
              ],
            },
          })),
        ),
    }));
    const removable = fieldsOf(stepsFor(audience))
      // What the harm was is not a detail to withhold: left out, a conflict would become a crime.
      .filter((field) => field.optional && field.name !== 'harm_setting' && data[field.name])
      .map((field) => ({
        value: field.name,
        text: request.t(`referrals.fields.${field.name}.label`),
      }));
    return reply.code(status).view(CHECK, {
      draftId: id,
      sections,
      removable,
      form: {
        errorList: errors.map((error) => {
          const step = stepOfField(error.field, audience);
          return {
            text: request.t(error.key, error.params),
            href: step ? `/referrals/drafts/${id}/${step.slug}?return=check#${error.field}` : '#',
          };
        }),
      },
    });
  }

  app.get('/referrals/new', { preHandler: guard }, async (request, reply) => {
    const drafts = await services.referralDrafts.mine(request.actor!);
    return reply.view(START, { drafts, audience: audienceOf(request) });
  });

  app.post('/referrals/new', { preHandler: guard }, async (request, reply) => {
    const today = londonDate(services.clock.now());
    const initial: Record<string, string> =
      audienceOf(request) === 'staff' ? { received_on: today } : {};
    const id = await services.referralDrafts.create(request.actor!, initial);
    return reply.redirect(`/referrals/drafts/${id}/${stepsFor(audienceOf(request))[0]!.slug}`);
  });

  app.get('/referrals/drafts/:id/check', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderCheck(request, reply, id);
  });

  app.post('/referrals/drafts/:id/leave-out', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const chosen = ([] as unknown[])
      .concat(body.leaveOut ?? [])
      .filter((v): v is string => typeof v === 'string');
    const optional = new Set(
      fieldsOf(stepsFor(audienceOf(request)))
        .filter((f) => f.optional)
        .map((f) => f.name as string),
    );
    const cleared = Object.fromEntries(
      chosen.filter((name) => optional.has(name)).map((name) => [name, '']),
    );
    await services.referralDrafts.save(request.actor!, id, cleared);
    return reply.redirect(`/referrals/drafts/${id}/check`);
  });

  app.post('/referrals/drafts/:id/submit', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const data = await services.referralDrafts.get(request.actor!, id);
    const { service, ...fields } = data;
    const audience = audienceOf(request);
    try {
      const created = await services.referrals.create(request.actor!, fields, {
        channel: 'web',
        service: audience === 'partner' ? service : undefined,
      });
      await services.referralDrafts.discard(request.actor!, id);
      return reply.redirect(`/referrals/confirmation/${created.id}`);
    } catch (error) {
      const fieldErrors = mistakesOf(error);
      return renderCheck(request, reply, id, fieldErrors, 400);
    }
  });

  app.post('/referrals/drafts/:id/discard', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await services.referralDrafts.discard(request.actor!, id);
    return reply.redirect('/referrals/new');
  });

  app.get('/referrals/drafts/:id/:step', { preHandler: guard }, async (request, reply) => {
    const { id, step } = request.params as { id: string; step: string };
    const data = await services.referralDrafts.get(request.actor!, id);
    return renderStep(request, reply, { id, slug: step, values: data, errors: [] });
  });

  app.post('/referrals/drafts/:id/:step', { preHandler: guard }, async (request, reply) => {
    const { id, step: slug } = request.params as { id: string; step: string };
    const { steps, step, index } = stepAt(request, slug);
    await services.referralDrafts.get(request.actor!, id);
    const { answers, typed } = readStep(step, (request.body ?? {}) as Record<string, unknown>);
    const { errors, tidied } = checkStep(step, answers, await dynamicOptions(request.t));
    if (errors.length > 0)
      return renderStep(request, reply, { id, slug, values: typed, errors, status: 400 });
    await services.referralDrafts.save(request.actor!, id, tidied);
    const returnToCheck = (request.body as Record<string, unknown>)?.returnTo === 'check';
    const next = returnToCheck || index === steps.length - 1 ? 'check' : steps[index + 1]!.slug;
    return reply.redirect(`/referrals/drafts/${id}/${next}`);
  });

  app.get('/referrals/confirmation/:id', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const confirmation = await services.referrals.confirmation(request.actor!, id);
    return reply.view(CONFIRMATION, { confirmation, audience: audienceOf(request) });
  });
}
