// The frame of a case tab's question pages (platform/form-page.ts): the case header and its
// sub-navigation around the form, and the case version the form carries back.
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Actor } from '../../domain/roles.js';
import { formPages, type Params } from '../../platform/form-page.js';
import type { CaseRow } from './kernel/index.js';
import { caseHeader, type CaseTab } from './presenters.js';

export function caseFormPages(app: FastifyInstance, guard: preHandlerHookHandler, tab: CaseTab) {
  return formPages<{ case: CaseRow }>(app, guard, {
    template: 'cases/views/form-page.njk',
    around: (view, t) => ({ header: caseHeader(view.case, tab, t) }),
    version: (view) => view.case.version,
  });
}

/**
 * Where a tab's pages go: back to the tab saying what was done (`saved`, after the change), or
 * back to it unchanged (`cancel`).
 */
export function tabLinks(segment: string) {
  const tabHref = (params: Params, done?: string) =>
    `/cases/${params.id}/${segment}${done ? `?done=${done}` : ''}`;
  const cancel = (params: Params) => ({ href: tabHref(params), text: 'common.cancel' });
  const saved =
    (
      done: string,
      change: (actor: Actor, params: Params, input: Record<string, unknown>) => Promise<unknown>,
    ) =>
    async (request: FastifyRequest, params: Params, input: Record<string, unknown>) => {
      await change(request.actor!, params, input);
      return tabHref(params, done);
    };
  return { tabHref, cancel, saved };
}
