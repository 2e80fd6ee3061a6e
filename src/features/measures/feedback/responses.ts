// One satisfaction response, however it came in: entered by staff from a paper form or a call,
// sent by a service's own system through the API, or read from a CSV import. Each is checked the
// same way, kept against the questionnaire version it answered, put on the case's timeline and
// audited (never with the answers).
import type { Tx } from '../../../db/actor-context.js';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { isUuid } from '../../../domain/ids.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { isAppError, notFound, type FieldError } from '../../../platform/errors.js';
import type { CaseEvent } from '../../cases/index.js';
import { measureChange } from '../measure-change.js';
import {
  caseIdByReference,
  latestQuestionnaire,
  participantIn,
  questionnaireVersion,
} from './queries.js';
import {
  AUDIENCES,
  audienceForRole,
  readAnswers,
  type Answers,
  type Audience,
  type Channel,
} from './questionnaire.js';

/** Where problems are reported: form inputs, JSON properties or CSV columns. */
export type FieldStyle = 'form' | 'api' | 'csv';

export const answerField = (style: FieldStyle) => (itemId: string) =>
  style === 'form' ? `q_${itemId}` : style === 'api' ? `answers.${itemId}` : itemId;

export interface ResponseRequest {
  /** The case: its id (web pages) or its reference (API, import). */
  caseId?: string;
  caseReference?: unknown;
  participantId: unknown;
  /** Optional: must match the participant's role when given. */
  audience?: unknown;
  /** A version number; left out, blank or "latest": the version the service asks now. */
  version?: unknown;
  /** By item id. */
  answers: Record<string, unknown>;
  respondedOn: unknown;
  channel: Exclude<Channel, 'online'>;
  style: FieldStyle;
}

export interface PreparedResponse {
  orgId: string;
  caseId: string;
  participantId: string;
  participantName: string;
  questionnaireId: string;
  audience: Audience;
  version: number;
  answers: Answers;
  channel: Exclude<Channel, 'online'>;
  respondedOn: string;
}

export type Prepared =
  { ok: true; response: PreparedResponse } | { ok: false; errors: FieldError[] };

/** A lookup's "not found" as null; anything else is rethrown. */
function ifNotFound(error: unknown): null {
  if (isAppError(error) && error.kind === 'not_found') return null;
  throw error;
}

function readVersion(raw: unknown): number | 'latest' | null {
  if (raw === undefined || raw === null) return 'latest';
  if (typeof raw === 'number') return Number.isInteger(raw) && raw > 0 ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim().toLowerCase();
  if (text === '' || text === 'latest') return 'latest';
  return /^\d{1,6}$/.test(text) && Number(text) > 0 ? Number(text) : null;
}

function dateProblem(raw: unknown, today: string): string | null {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
    return 'feedback.errors.respondedOnRequired';
  if (!isIsoDate(typeof raw === 'string' ? raw.trim() : raw)) return 'feedback.errors.date';
  if ((raw as string).trim() > today) return 'feedback.errors.respondedInFuture';
  return null;
}

/**
 * Checks a response against the case, the participant and the questionnaire version, without
 * writing. A case or participant the actor cannot see is "not found" (thrown), except in an
 * import, where it is one more problem with the row.
 */
export async function prepareResponse(
  tx: Tx,
  actor: Actor,
  request: ResponseRequest,
  today: string,
): Promise<Prepared> {
  const errors: FieldError[] = [];
  const dateKey = dateProblem(request.respondedOn, today);
  if (dateKey) errors.push({ field: 'responded_on', key: dateKey });
  const version = readVersion(request.version);
  if (version === null)
    errors.push({ field: 'questionnaire_version', key: 'feedback.errors.version' });
  const audienceGiven =
    request.audience === undefined || request.audience === null || request.audience === ''
      ? undefined
      : String(request.audience).trim().toLowerCase();
  if (audienceGiven !== undefined && !(AUDIENCES as readonly string[]).includes(audienceGiven))
    errors.push({ field: 'audience', key: 'feedback.errors.audience' });

  // In an import a case or person not found is one more problem with the row; elsewhere it is
  // "not found", so another service's case is never revealed.
  const missing = (field: string, key: string): Prepared => {
    if (request.style !== 'csv') throw notFound();
    return { ok: false, errors: [...errors, { field, key }] };
  };
  const caseId =
    request.caseId ?? (await caseIdByReference(tx, request.caseReference).catch(ifNotFound));
  if (!caseId) return missing('case_reference', 'feedback.errors.caseUnknown');
  const participantId = String(request.participantId ?? '').trim();
  if (!isUuid(participantId)) return missing('participant_id', 'feedback.errors.participantId');
  const participant = await participantIn(tx, caseId, participantId).catch(ifNotFound);
  if (!participant) return missing('participant_id', 'feedback.errors.participantUnknown');

  const audience = audienceForRole(participant.role);
  if (!audience) {
    errors.push({ field: 'participant_id', key: 'feedback.errors.noQuestionnaireForRole' });
    return { ok: false, errors };
  }
  if (
    audienceGiven !== undefined &&
    audienceGiven !== audience &&
    AUDIENCES.includes(audienceGiven as Audience)
  )
    errors.push({ field: 'audience', key: 'feedback.errors.audienceMismatch' });
  if (version === null) return { ok: false, errors };

  const questionnaire =
    version === 'latest'
      ? await latestQuestionnaire(tx, participant.org_id, audience)
      : await questionnaireVersion(tx, participant.org_id, audience, version);
  if (!questionnaire) {
    errors.push({
      field: 'questionnaire_version',
      key: 'feedback.errors.versionUnknown',
      params: { version: String(version), audience },
    });
    return { ok: false, errors };
  }
  const given = Object.keys(request.answers).filter((key) => {
    const value = request.answers[key];
    return (
      value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
    );
  });
  const read = readAnswers(questionnaire.items, request.answers, {
    field: answerField(request.style),
    unknown: request.style === 'form' ? undefined : given,
    // A file's row has no one column to blame for an empty response.
    emptyField: request.style === 'api' ? 'answers' : request.style === 'csv' ? 'form' : undefined,
    version: questionnaire.version,
  });
  if (!read.ok) errors.push(...read.errors);
  if (errors.length > 0 || !read.ok) return { ok: false, errors };
  return {
    ok: true,
    response: {
      orgId: participant.org_id,
      caseId: participant.case_id,
      participantId: participant.id,
      participantName: participant.display_name,
      questionnaireId: questionnaire.id,
      audience,
      version: questionnaire.version,
      answers: read.answers,
      channel: request.channel,
      respondedOn: String(request.respondedOn).trim(),
    },
  };
}

/**
 * Writes a checked response; returns its id and the timeline event it caused (which names no
 * answers), for the case kernel to record.
 */
export async function insertResponse(
  tx: Tx,
  actor: Actor,
  response: PreparedResponse,
): Promise<{ id: string; event: CaseEvent }> {
  const row = await tx
    .insertInto('questionnaire_responses')
    .values({
      org_id: response.orgId,
      case_id: response.caseId,
      participant_id: response.participantId,
      questionnaire_id: response.questionnaireId,
      answers: JSON.stringify(response.answers),
      channel: response.channel,
      responded_on: response.respondedOn,
      recorded_by: userIdOf(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    event: {
      kind: `feedback.recorded.${response.channel}`,
      params: { name: response.participantName, version: response.version },
      entity: { type: 'questionnaire_response', id: row.id },
    },
  };
}

/** A response recorded against a case: by staff or the service's own system; closed cases too. */
export const responseChange = (actor: Actor, caseId: string) =>
  measureChange(actor, caseId, 'case.feedback_recorded');
