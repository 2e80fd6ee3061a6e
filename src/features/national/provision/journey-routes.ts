// The PCC office's survey: a start page (its area's responses, a year to answer for), one
// question page per question saved to a server-side draft whose id is in the address, check
// your answers, and a confirmation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerText, readSurveyYear } from '../../../domain/provision-survey.js';
import type { WithServices } from '../../../services.js';
import { isAppError, notFound, type FieldError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { answerWords, presentPage, readPage, SURVEY_PAGES } from './pages.js';

const V = 'national/provision/views';

export async function surveyJourneyRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'report_area', 'provision.page');
  const areaName = async (areaId: string) =>
    (await services.organisations.areas()).find((a) => a.id === areaId)?.name ?? areaId;

  async function startPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
  ) {
    const year = Number(londonDate(services.clock.now()).slice(0, 4));
    const { areaId } = await services.provision.ownResponse(request.actor!, year);
    const history = await services.provision.areaHistory(request.actor!, areaId);
    return reply.code(errors.length ? 400 : 200).view(`${V}/start.njk`, {
      areaName: await areaName(areaId),
      responses: history.filter((r) => r.current),
      form: presentForm(
        request.t,
        (request.body as Record<string, unknown> | undefined) ?? { year: String(year) },
        errors,
      ),
    });
  }

  function pageAt(slug: string) {
    const index = SURVEY_PAGES.findIndex((p) => p.slug === slug);
    if (index < 0) throw notFound();
    return { page: SURVEY_PAGES[index]!, index };
  }

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { id: string; slug: string; answers?: Record<string, string>; errors?: FieldError[] },
  ) {
    const { page, index } = pageAt(options.slug);
    const draft = await services.provisionDrafts.get(request.actor!, options.id);
    const { questions } = await services.provision.ownResponse(request.actor!, draft.year);
    const errors = options.errors ?? [];
    const query = request.query as { return?: string };
    const previous = index > 0 ? SURVEY_PAGES[index - 1]!.slug : undefined;
    return reply.code(errors.length ? 400 : 200).view(`${V}/question.njk`, {
      draft,
      areaName: await areaName(draft.areaId),
      page,
      pageNumber: index + 1,
      pageCount: SURVEY_PAGES.length,
      questions: presentPage({
        questions: questions.filter((q) => page.questions.includes(q.id)),
        answers: options.answers ?? draft.answers,
        errors,
        t: request.t,
      }),
      form: presentForm(request.t, {}, errors),
      returnTo: query.return === 'check' ? 'check' : '',
      backHref:
        query.return === 'check' || !previous
          ? query.return === 'check'
            ? `/provision/drafts/${draft.id}/check`
            : '/provision'
          : `/provision/drafts/${draft.id}/${previous}`,
    });
  }

  async function renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[] = [],
  ) {
    const draft = await services.provisionDrafts.get(request.actor!, id);
    const { questions } = await services.provision.ownResponse(request.actor!, draft.year);
    const rows = SURVEY_PAGES.flatMap((page) =>
      page.questions.map((qid) => {
        const question = questions.find((q) => q.id === qid)!;
        return {
          key: { text: request.t(`national.provision.questions.${qid}.short`) },
          value: { text: answerWords(request.t, question, draft.answers[qid]) },
          actions: {
            items: [
              {
                href: `/provision/drafts/${id}/${page.slug}?return=check`,
                text: request.t('national.provision.journey.change'),
                visuallyHiddenText: request.t(`national.provision.questions.${qid}.short`),
              },
            ],
          },
        };
      }),
    );
    const errorList = errors.map((e) => ({
      text: request.t(e.key, e.params),
      href: `/provision/drafts/${id}/${SURVEY_PAGES.find((p) => p.questions.includes(e.field as never))?.slug ?? ''}?return=check`,
    }));
    return reply.code(errors.length ? 400 : 200).view(`${V}/check.njk`, {
      draft,
      areaName: await areaName(draft.areaId),
      rows,
      form: { errorList },
    });
  }

  app.get('/provision', { preHandler: guard }, (request, reply) => startPage(request, reply));

  app.post('/provision', { preHandler: guard }, async (request, reply) => {
    const year = readSurveyYear(String((request.body as { year?: unknown })?.year ?? ''));
    if (year === null)
      return startPage(request, reply, [
        { field: 'year', key: 'national.provision.journey.yearInvalid' },
      ]);
    const id = await services.provisionDrafts.start(request.actor!, year);
    return reply.redirect(`/provision/drafts/${id}/${SURVEY_PAGES[0]!.slug}`, 303);
  });

  app.get('/provision/drafts/:id/check', { preHandler: guard }, (request, reply) =>
    renderCheck(request, reply, (request.params as { id: string }).id),
  );

  app.post('/provision/drafts/:id/submit', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const draft = await services.provisionDrafts.get(request.actor!, id);
    try {
      await services.provision.answer(request.actor!, draft.year, draft.answers);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'validation') throw error;
      return renderCheck(request, reply, id, error.fieldErrors);
    }
    await services.provisionDrafts.discard(request.actor!, id);
    return reply.redirect(`/provision/answered/${draft.year}`, 303);
  });

  app.post('/provision/drafts/:id/discard', { preHandler: guard }, async (request, reply) => {
    await services.provisionDrafts.discard(request.actor!, (request.params as { id: string }).id);
    return reply.redirect('/provision', 303);
  });

  app.get('/provision/drafts/:id/:page', { preHandler: guard }, (request, reply) => {
    const { id, page } = request.params as { id: string; page: string };
    return renderPage(request, reply, { id, slug: page });
  });

  app.post('/provision/drafts/:id/:page', { preHandler: guard }, async (request, reply) => {
    const { id, page: slug } = request.params as { id: string; page: string };
    const { page, index } = pageAt(slug);
    const draft = await services.provisionDrafts.get(request.actor!, id);
    const { questions } = await services.provision.ownResponse(request.actor!, draft.year);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { answers, errors } = readPage(
      questions.filter((q) => page.questions.includes(q.id)),
      body,
    );
    if (errors.length > 0) return renderPage(request, reply, { id, slug, answers, errors });
    await services.provisionDrafts.save(request.actor!, id, answers);
    const last = index === SURVEY_PAGES.length - 1;
    const next = body.returnTo === 'check' || last ? 'check' : SURVEY_PAGES[index + 1]!.slug;
    return reply.redirect(`/provision/drafts/${id}/${next}`, 303);
  });

  app.get('/provision/answered/:year', { preHandler: guard }, async (request, reply) => {
    const year = readSurveyYear((request.params as { year: string }).year);
    if (year === null) throw notFound();
    const own = await services.provision.ownResponse(request.actor!, year);
    if (!own.answers) throw notFound();
    const answers = own.answers;
    return reply.view(`${V}/answered.njk`, {
      year,
      areaName: await areaName(own.areaId),
      rows: own.questions.map((question) => ({
        key: { text: request.t(`national.provision.questions.${question.id}.short`) },
        value: { text: answerWords(request.t, question, answerText(answers[question.id])) },
      })),
    });
  });
}
