// The cope-and-recover plan: a goal added for someone, and every goal of theirs reviewed on a
// page of its own (dated today).
import type { Actor } from '../../../domain/roles.js';
import { notFound, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import type { CaseDeps } from '../../cases/index.js';
import { measureChange } from '../measure-change.js';
import { isActive, ownCategories } from './categories.js';
import { checkReviews, goalsOf, saveReviews, type ReviewInput } from './goals.js';
import { measurable, target } from './participants.js';
import { goalSchema } from './schemas.js';
import { toFieldErrors } from '../../../platform/forms.js';
import { userIdOf } from '../../../domain/roles.js';

const E = 'measures.wellbeing.errors';

export const addGoal =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const parsed = goalSchema.safeParse(input ?? {});
    const errors = parsed.success ? [] : toFieldErrors(parsed.error);
    if (parsed.success && parsed.data.set_on > londonDate(clock.now()))
      errors.push({ field: 'set_on', key: `${E}.dateFuture` });
    return kernel.changeCase(
      measureChange(actor, caseId, 'case.wellbeing_goal_set'),
      async (tx, row) => {
        const participant = await measurable(tx, caseId, participantId);
        const categories = await ownCategories(tx, actor, row.org_id);
        const category = parsed.success
          ? categories.find((c) => c.key === parsed.data.category && isActive(c))
          : undefined;
        if (parsed.success && !category)
          errors.push({ field: 'category', key: `${E}.goalCategory` });
        if (errors.length > 0 || !parsed.success || !category) throw validationFailed(errors);
        const created = await tx
          .insertInto('coping_goals')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participantId,
            category_id: category.id,
            goal: parsed.data.goal,
            set_on: parsed.data.set_on,
            created_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return {
          event: {
            kind: 'wellbeing_goal_set',
            params: { name: participant.display_name, category: category.label },
            entity: { type: 'coping_goal', id: created.id },
          },
          result: created.id,
        };
      },
    );
  };

export const reviewGoals =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, reviews: ReviewInput) =>
    kernel.changeCase(
      measureChange(actor, caseId, 'case.wellbeing_goals_reviewed'),
      async (tx, row) => {
        const participant = await measurable(tx, caseId, participantId);
        const goals = (await goalsOf(tx, caseId)).filter((g) => g.participantId === participantId);
        if (goals.length === 0) throw notFound();
        const checked = checkReviews(reviews, goals, new Set(goals.map((g) => g.id)));
        if (checked.errors.length > 0) throw validationFailed(checked.errors);
        const today = londonDate(clock.now());
        return { event: await saveReviews(tx, target(row, participant), checked.reviews, today) };
      },
    );
