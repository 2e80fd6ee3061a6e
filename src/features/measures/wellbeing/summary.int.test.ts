// The distance travelled on the case summary: only for people with both an entry measure and
// an exit review, overall over the categories scored at both, and saying so when there are none.
import { describe, expect, it } from 'vitest';
import type { OwnerSession } from '../../../db/connect.js';
import { openCase } from '../../../../test/support/cases.js';
import { browserFor, teamTestbed } from '../../../../test/support/testbed.js';

const { h, team } = teamTestbed();
const browser = browserFor(h, () => team.practitioner);

async function insert(owner: OwnerSession, sql: string, params: unknown[]) {
  const rows = await owner.query<{ id: string }>(sql, params);
  return rows[0]!.id;
}

/** The lines of the summary's distance travelled, or null when the section is not there. */
function distanceLines(html: string): string[] | null {
  const list = /<ul[^>]*data-qa="wellbeing-distances"[^>]*>([\s\S]*?)<\/ul>/.exec(html);
  if (!list) return null;
  return [...list[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.trim());
}

describe('the distance travelled on the case summary', () => {
  it('is left out until someone has both an entry measure and an exit review', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await h.database.withOwner(async (owner) => {
      const category = await insert(
        owner,
        `insert into wellbeing_categories (org_id, key, label, sort_order) values ($1, 'only-entry', 'Only entry', 1) returning id`,
        [team.org.id],
      );
      const entry = await insert(
        owner,
        `insert into wellbeing_measures (org_id, case_id, participant_id, kind, taken_on) values ($1, $2, $3, 'entry', '2026-11-02') returning id`,
        [team.org.id, opened.caseId, opened.harmedId],
      );
      await owner.query(
        `insert into wellbeing_scores (measure_id, org_id, case_id, category_id, score) values ($1, $2, $3, $4, 2)`,
        [entry, team.org.id, opened.caseId, category],
      );
    });
    const page = await browser.get(`/cases/${opened.caseId}`);
    expect(page.statusCode).toBe(200);
    expect(distanceLines(page.body)).toBeNull();
    expect(page.body).not.toContain('data-qa="wellbeing-link"');
  });

  it('gives each person their overall change, or says no category was scored twice', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await h.database.withOwner(async (owner) => {
      const org = team.org.id;
      const category = (key: string, order: number) =>
        insert(
          owner,
          `insert into wellbeing_categories (org_id, key, label, sort_order) values ($1, $2, $2, $3) returning id`,
          [org, key, order],
        );
      const [a, b, c] = [await category('a', 2), await category('b', 3), await category('c', 4)];
      const measure = async (participantId: string, kind: string, scores: [string, number][]) => {
        const id = await insert(
          owner,
          `insert into wellbeing_measures (org_id, case_id, participant_id, kind, taken_on) values ($1, $2, $3, $4, '2026-11-02') returning id`,
          [org, opened.caseId, participantId, kind],
        );
        for (const [categoryId, score] of scores)
          await owner.query(
            `insert into wellbeing_scores (measure_id, org_id, case_id, category_id, score) values ($1, $2, $3, $4, $5)`,
            [id, org, opened.caseId, categoryId, score],
          );
      };
      // Harmed: a 1 → 4 (+3), b 2 → 2 (0), c only at exit: (3 + 0) / 2 = +1.5 over 2.
      await measure(opened.harmedId, 'entry', [
        [a, 1],
        [b, 2],
      ]);
      await measure(opened.harmedId, 'exit', [
        [a, 4],
        [b, 2],
        [c, 5],
      ]);
      // Harmer: a at entry, c at exit; nothing to compare.
      await measure(opened.harmerId, 'entry', [[a, 3]]);
      await measure(opened.harmerId, 'exit', [[c, 3]]);
    });
    const page = await browser.get(`/cases/${opened.caseId}`);
    expect(distanceLines(page.body)).toEqual([
      'Hana Victim: +1.5 overall, entry to exit review (2 categories of need)',
      'Owain Offender: no category of need was scored at both entry and exit review',
    ]);
    expect(page.body).toContain(
      `href="/cases/${opened.caseId}/wellbeing" data-qa="wellbeing-link"`,
    );
  });
});
