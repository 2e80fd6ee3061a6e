// A service manager marks the service's staff as trained for sexual violence and domestic abuse
// cases, and the database lets them change nothing else about those accounts.
import { describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import { makeService } from '../../../test/support/cases.js';
import { testbed } from '../../../test/support/testbed.js';
import { signedInTo, expectPage } from '../../../test/support/web-client.js';

const { h } = testbed({ realClock: true });

const trained = async (id: string) =>
  (
    await h.database.withOwner((o) =>
      o.query<{ t: boolean }>('select trained_sv_da as t from users where id = $1', [id]),
    )
  )[0]!.t;

describe('marking training', () => {
  it('is done by the service manager, for their own staff, and audited', async () => {
    const team = await makeService(h.services);
    const other = await makeService(h.services);
    const browser = await signedInTo(h.app, team.manager);
    const page = await browser.get('/settings/training');
    expectPage(page, 200, ['Pat Practitioner']);
    const marked = await browser.post(`/settings/training/${team.practitioner.userId}`, {
      trained: 'yes',
    });
    expect(marked.headers.location).toBe('/settings/training?saved');
    expect(await trained(team.practitioner.userId)).toBe(true);
    const audit = await h.database.withOwner((o) =>
      o.query<{ n: number }>(
        `select count(*)::int as n from audit_events where action = 'user.training_changed' and entity_id = $1`,
        [team.practitioner.userId],
      ),
    );
    expect(audit[0]!.n).toBe(1);
    // Another service's practitioner is not theirs to mark.
    await browser.get('/settings/training');
    expect(
      (await browser.post(`/settings/training/${other.practitioner.userId}`, { trained: 'yes' }))
        .statusCode,
    ).toBe(404);
    expect(await trained(other.practitioner.userId)).toBe(false);
    // A practitioner may not mark anyone.
    const pat = await signedInTo(h.app, team.practitioner);
    expect((await pat.get('/settings/training')).statusCode).toBe(403);
  });

  it('lets the database refuse a service manager any other change to an account', async () => {
    const team = await makeService(h.services);
    await expect(
      withActor(h.database.db, team.manager, (tx) =>
        tx
          .updateTable('users')
          .set({ name: 'Renamed' })
          .where('id', '=', team.practitioner.userId)
          .execute(),
      ),
    ).rejects.toThrow(/only whether someone is trained/);
  });
});
