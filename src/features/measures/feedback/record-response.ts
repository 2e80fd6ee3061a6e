// A satisfaction response entered by staff (from a paper form or a call) or sent by a service's
// own system through the API: checked the same way, kept against the version it answered, put on
// the case's timeline by the kernel.
import { withActor } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { authorize } from '../../../platform/authorize.js';
import { londonDate } from '../../../platform/format.js';
import { validationFailed, type FieldError } from '../../../platform/errors.js';
import type { CaseDeps } from '../../cases/index.js';
import {
  insertResponse,
  prepareResponse,
  responseChange,
  type ResponseRequest,
} from './responses.js';

/** Answers from a paper form or a call, entered on the web (form fields q_<item id>). */
export const recordFromForm =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: Record<string, unknown>) => {
    const channel =
      input.channel === 'paper' || input.channel === 'call' ? input.channel : undefined;
    const problems: FieldError[] = channel
      ? []
      : [{ field: 'channel', key: 'feedback.errors.channel' }];
    const request: ResponseRequest = {
      caseId,
      participantId,
      answers: Object.fromEntries(
        Object.entries(input)
          .filter(([key]) => key.startsWith('q_'))
          .map(([key, value]) => [key.slice(2), value]),
      ),
      respondedOn: input.responded_on,
      channel: channel ?? 'paper',
      style: 'form',
    };
    return kernel.changeCase(responseChange(actor, caseId), async (tx) => {
      const prepared = await prepareResponse(tx, actor, request, londonDate(clock.now()));
      const errors = [...problems, ...(prepared.ok ? [] : prepared.errors)];
      if (!prepared.ok || errors.length > 0) throw validationFailed(errors);
      const { id, event } = await insertResponse(tx, actor, prepared.response);
      return { event, result: { id, ...prepared.response } };
    });
  };

/** Answers sent by a service's own system (POST /api/v1/questionnaire-responses). */
export const recordFromApi =
  ({ db, kernel, clock }: CaseDeps) =>
  async (actor: Actor, body: Record<string, unknown>) => {
    const change = responseChange(actor, '');
    await authorize(db, actor, change.capability, change.action);
    return withActor(db, actor, async (tx) => {
      const prepared = await prepareResponse(
        tx,
        actor,
        {
          caseReference: body.case_reference,
          participantId: body.participant_id,
          audience: body.audience,
          version: body.questionnaire_version,
          answers: (body.answers ?? {}) as Record<string, unknown>,
          respondedOn: body.responded_on,
          channel: 'api',
          style: 'api',
        },
        londonDate(clock.now()),
      );
      if (!prepared.ok) throw validationFailed(prepared.errors);
      const { response } = prepared;
      const id = await kernel.changeCaseIn(tx, { ...change, caseId: response.caseId }, async () => {
        const written = await insertResponse(tx, actor, response);
        return { event: written.event, result: written.id };
      });
      return { id, ...response };
    });
  };
