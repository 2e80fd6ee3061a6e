// Which database the integration tests run against: PGlite (default) or the PostgreSQL server
// at TEST_DATABASE_URL when WAYMARK_TEST_DB=postgres. The same tests run on both.
// One template per test run, so two runs against the same server do not trip over each other.
export const TEMPLATE_DATABASE =
  (process.env.WAYMARK_TEST_TEMPLATE_DB ??= `waymark_test_template_${process.pid}`);

export type TestBackend = { kind: 'pglite' } | { kind: 'postgres'; url: string };

export function testBackend(): TestBackend {
  if (process.env.WAYMARK_TEST_DB !== 'postgres') return { kind: 'pglite' };
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'WAYMARK_TEST_DB=postgres needs TEST_DATABASE_URL (a user that may create databases)',
    );
  return { kind: 'postgres', url };
}
