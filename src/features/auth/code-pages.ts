// What the code pages share (the second factor at sign-in, a recovery code, a step-up, and
// setting up an authenticator app, at sign-in or from the account page): the code read and
// checked by the service, the form shown again when it was not accepted, and the set-up page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../services.js';
import { groupedSecret } from '../../domain/second-factor.js';
import type { SignedInUser } from '../../domain/sessions.js';
import { waitInWords } from '../../domain/sign-in-throttle.js';
import { parseForm, presentForm, type PresentedForm } from '../../platform/forms.js';
import { qrCodeSvg, totpUri } from '../../platform/totp.js';
import type { CodeOutcome } from './second-factor-service.js';

export const SET_UP = 'auth/views/set-up-authenticator.njk';
export const RECOVERY_CODES = 'auth/views/recovery-codes.njk';

type Refused = Exclude<CodeOutcome, { outcome: 'accepted' }>;

/** The field error for a refused or throttled code. */
export function codeError(result: Refused, field: string) {
  if (result.outcome === 'throttled') {
    const { unit, count } = waitInWords(result.waitSeconds);
    return { field, key: `signIn.errors.throttled.${unit}`, params: { count } };
  }
  if (result.reason === 'password')
    return { field: 'password', key: 'passwords.errors.currentWrong' };
  return {
    field,
    key: `secondFactor.errors.${field === 'code' ? result.reason : 'recoveryWrong'}`,
  };
}

/**
 * A code form answered: what the service said when it accepted the code, or else the form again
 * with its problem (nothing typed is shown again) and the status, 429 while throttled and 400
 * otherwise.
 */
export async function answerCode<S extends z.ZodType, R extends CodeOutcome>(
  request: FastifyRequest,
  { schema, field, check }: { schema: S; field: string; check(data: z.output<S>): Promise<R> },
): Promise<
  { accepted: Extract<R, { outcome: 'accepted' }> } | { refused: PresentedForm; status: number }
> {
  const parsed = parseForm(schema, request.body);
  if (!parsed.ok) return { refused: presentForm(request.t, {}, parsed.errors), status: 400 };
  const result: CodeOutcome = await check(parsed.data);
  if (result.outcome === 'accepted')
    return { accepted: result as Extract<R, { outcome: 'accepted' }> };
  return {
    refused: presentForm(request.t, {}, [codeError(result, field)]),
    status: result.outcome === 'throttled' ? 429 : 400,
  };
}

/**
 * The set-up page (the QR code, the key written out), empty or with a problem: at sign-in, or
 * from the account page (`changing`).
 */
export async function showSetUp(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { user: SignedInUser; action: string; returnTo: string; changing?: true },
  shown: { refused?: PresentedForm; status?: number } = {},
) {
  const { user, ...rest } = page;
  const secret = await services.secondFactor.pendingSecret(user.userId);
  const uri = totpUri(secret, user.email, request.t('service.name'));
  return reply.code(shown.status ?? 200).view(SET_UP, {
    form: shown.refused ?? presentForm(request.t),
    ...rest,
    qrCode: qrCodeSvg(uri, request.t('secondFactor.setUp.qrAlt')),
    secretGroups: groupedSecret(secret),
  });
}
