// Testimonials: a participant's words, kept with their consent to publish and its scope
// (internal, to the commissioner, public). A practitioner writes or checks an anonymised text
// and approves it; only approved anonymised text, within the scope consented to, reaches a report.
import { withActor, type Tx } from '../../../db/actor-context.js';
import { parseInput } from '../../../platform/forms.js';
import { isUuid } from '../../../domain/ids.js';
import { can, userIdOf, type Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import { forbidden, notFound, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import type { CaseDeps } from '../../cases/index.js';
import { measureChange } from '../measure-change.js';
import { participantIn, testimonialsOfCase } from './queries.js';
import {
  anonymisedSchema,
  CONSENT_SCOPES,
  testimonialSchema,
  type ConsentScope,
} from './schemas.js';

/** The consent scopes a report for this audience may use: wider consent covers narrower use. */
export function scopesUsableFor(scope: ConsentScope): ConsentScope[] {
  return CONSENT_SCOPES.slice(CONSENT_SCOPES.indexOf(scope));
}

export interface ApprovedTestimonial {
  id: string;
  /** The anonymised text a practitioner approved (never the quote as given). */
  text: string;
  scope: ConsentScope;
  consentOn: string;
  /** The participant's role in their case: harmed, harmer, supporter... */
  role: string;
}

/** Checking a text and approving it is for practitioners and managers. */
const mayApprove = (actor: Actor) => can(actor, 'lead_cases');

export function testimonialUseCases({ db, clock, kernel }: CaseDeps) {
  const reading = (actor: Actor, caseId: string) => ({ actor, caseId, part: 'feedback' });

  async function testimonialIn(tx: Tx, caseId: string, id: string) {
    if (!isUuid(id)) throw notFound();
    return testimonialsOfCase(tx, caseId)
      .selectAll('t')
      .select([
        'p.display_name as participantName',
        'p.role as participantRole',
        'a.name as approvedByName',
      ])
      .where('t.id', '=', id)
      .executeTakeFirstOrThrow(notFound);
  }

  return {
    /** Who in the case a testimonial can be from, for its form. */
    async testimonialForm(actor: Actor, caseId: string) {
      return kernel.readCase(reading(actor, caseId), async (tx, row) => ({
        case: row,
        people: await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name', 'role'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute(),
      }));
    },

    async recordTestimonial(actor: Actor, caseId: string, input: unknown) {
      const data = parseInput(testimonialSchema, input);
      if (data.consent_on > londonDate(clock.now()))
        throw validationFailed([
          { field: 'consent_on', key: 'feedback.testimonials.errors.consentInFuture' },
        ]);
      return kernel.changeCase(
        measureChange(actor, caseId, 'case.feedback_testimonial_recorded'),
        async (tx, row) => {
          const participant = await participantIn(tx, caseId, data.participant_id).catch(() => {
            throw validationFailed([
              { field: 'participant_id', key: 'feedback.testimonials.errors.participant' },
            ]);
          });
          const created = await tx
            .insertInto('testimonials')
            .values({
              org_id: row.org_id,
              case_id: caseId,
              participant_id: participant.id,
              quote: data.quote,
              consent_scope: data.consent_scope,
              consent_on: data.consent_on,
              created_by: userIdOf(actor),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const event = {
            kind: `feedback.testimonial_recorded.${data.consent_scope}`,
            params: { name: participant.display_name },
            entity: { type: 'testimonial', id: created.id },
          };
          return { event, result: created.id };
        },
      );
    },

    async testimonial(actor: Actor, caseId: string, id: string) {
      return kernel.readCase(reading(actor, caseId), async (tx, row) => ({
        case: row,
        testimonial: await testimonialIn(tx, caseId, id),
        mayApprove: mayApprove(actor),
      }));
    },

    /**
     * Saves the anonymised text; approved only when the practitioner says they checked it. A
     * change to an approved text takes the approval away until it is checked again.
     */
    async reviewTestimonial(actor: Actor, caseId: string, id: string, input: unknown) {
      const data = parseInput(anonymisedSchema, input);
      if (data.approve && !mayApprove(actor)) throw forbidden();
      return kernel.changeCase(
        measureChange(actor, caseId, 'case.feedback_testimonial_reviewed'),
        async (tx) => {
          const testimonial = await testimonialIn(tx, caseId, id);
          const approved = data.approve;
          await tx
            .updateTable('testimonials')
            .set({
              anonymised: data.anonymised,
              approved_by: approved ? userIdOf(actor) : null,
              approved_at: approved ? clock.now() : null,
            })
            .where('id', '=', testimonial.id)
            .execute();
          const event = {
            kind: approved ? 'feedback.testimonial_approved' : 'feedback.testimonial_anonymised',
            params: { name: testimonial.participantName },
            entity: { type: 'testimonial', id: testimonial.id },
          };
          return { event, result: { approved } };
        },
      );
    },

    /** Consent to publish withdrawn, or recorded in error: the testimonial is removed. */
    async removeTestimonial(actor: Actor, caseId: string, id: string) {
      return kernel.changeCase(
        measureChange(actor, caseId, 'case.feedback_testimonial_removed'),
        async (tx) => {
          const testimonial = await testimonialIn(tx, caseId, id);
          await tx.deleteFrom('testimonials').where('id', '=', testimonial.id).execute();
          const event = {
            kind: 'feedback.testimonial_removed',
            params: { name: testimonial.participantName },
            entity: { type: 'testimonial', id: testimonial.id },
          };
          return { event };
        },
      );
    },

    /**
     * Approved testimonials whose consent was given in the period (dates inclusive), usable in a
     * report for the given audience: internal reports may use any, a report to the commissioner
     * those consented for the commissioner or the public, a public one only public ones.
     */
    async approvedTestimonials(
      actor: Actor,
      options: { from: string; to: string; scope: ConsentScope },
    ): Promise<ApprovedTestimonial[]> {
      await authorize(db, actor, 'manage_service', 'feedback.testimonials_read');
      if (!(CONSENT_SCOPES as readonly string[]).includes(options.scope)) throw notFound();
      return withActor(db, actor, async (tx) => {
        const rows = await tx
          .selectFrom('testimonials as t')
          .innerJoin('case_participants as p', 'p.id', 't.participant_id')
          .select(['t.id', 't.anonymised', 't.consent_scope', 't.consent_on', 'p.role'])
          .where('t.org_id', '=', actor.orgId!)
          .where('t.approved_at', 'is not', null)
          .where('t.anonymised', 'is not', null)
          .where('t.consent_scope', 'in', scopesUsableFor(options.scope))
          .where('t.consent_on', '>=', options.from)
          .where('t.consent_on', '<=', options.to)
          .orderBy('t.consent_on', 'desc')
          .execute();
        await recordAudit(tx, actor, {
          action: 'feedback.testimonials_read',
          details: {
            from: options.from,
            to: options.to,
            scope: options.scope,
            testimonials: rows.length,
          },
        });
        return rows.map((r) => ({
          id: r.id,
          text: r.anonymised!,
          scope: r.consent_scope,
          consentOn: r.consent_on,
          role: r.role,
        }));
      });
    },
  };
}
