// A note on a case: on its summary, and a line on its timeline.
import { userIdOf, type Actor } from '../../domain/roles.js';
import { parseInput } from '../../platform/forms.js';
import type { CaseDeps } from './kernel/index.js';
import { noteSchema } from './schemas.js';

export const addCaseNote =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(noteSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.note_added', allowClosed: true },
      async (tx, row) => {
        const note = await tx
          .insertInto('case_notes')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            body: data.body,
            created_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { event: { kind: 'note_added', entity: { type: 'case_note', id: note.id } } };
      },
    );
  };
