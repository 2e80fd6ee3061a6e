// The pages every user meets: navigation by role, the public pages, health checks and errors.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles.js';
import { makeUserWithRole } from '../support/harness.js';
import { WebClient } from '../support/web-client.js';
import { testbed } from '../support/testbed.js';

const { h } = testbed({ realClock: true });

function navigationLinks(html: string): string[] {
  const nav = /<ul class="govuk-service-navigation__list"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
}

describe('navigation by role', () => {
  const expected: Record<string, string[]> = {
    practitioner: ['/', '/referrals', '/cases', '/awareness', '/account'],
    volunteer: ['/', '/cases', '/account'],
    service_manager: [
      '/',
      '/referrals',
      '/cases',
      '/awareness',
      '/outcomes',
      '/settings',
      '/account',
    ],
    referrer: ['/', '/referrals/sent', '/referrals/new', '/account'],
    commissioner: ['/', '/area', '/provision', '/definitions', '/account'],
    national_analyst: [
      '/',
      '/national/map',
      '/national/survey',
      '/national/victims-offered',
      '/national/import',
      '/definitions',
      '/account',
    ],
    org_admin: [
      '/',
      '/admin/users',
      '/admin/api-tokens',
      '/staff-changes',
      '/admin/audit',
      '/account',
    ],
    system_admin: [
      '/',
      '/admin/organisations',
      '/admin/users',
      '/admin/api-tokens',
      '/admin/audit',
      '/account',
    ],
  };
  for (const role of ROLES) {
    it(`shows a ${role} their menu`, async () => {
      const user = await makeUserWithRole(h.services, role);
      const browser = new WebClient(h.app);
      await browser.signIn(user.email, user.password);
      const home = await browser.get('/');
      expect(home.statusCode).toBe(200);
      expect(navigationLinks(home.body)).toEqual(expected[role]);
      expect(home.body).toContain('data-qa="sign-out"');
    });
  }

  it('shows no menu before sign-in', async () => {
    const page = await new WebClient(h.app).get('/sign-in');
    expect(navigationLinks(page.body)).toEqual([]);
    expect(page.body).not.toContain('data-qa="sign-out"');
  });
});

describe('public pages', () => {
  it('serves the cookies page and the accessibility statement without sign-in', async () => {
    const browser = new WebClient(h.app);
    expect((await browser.get('/cookies')).body).toContain('waymark_session');
    expect((await browser.get('/accessibility')).body).toContain('WCAG');
  });

  it('answers /ping and /health', async () => {
    const ping = await h.app.inject('/ping');
    expect(ping.body).toBe('pong');
    const health = await h.app.inject('/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', checks: { database: 'ok' } });
  });

  it('sets security headers, a CSP nonce for the page template, and no caching of pages', async () => {
    const page = await h.app.inject('/sign-in');
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-request-id']).toBeDefined();
  });

  it('serves the design system assets', async () => {
    for (const asset of [
      '/assets/govuk-frontend.min.css',
      '/assets/moj-frontend.min.js',
      '/assets/app.js',
      '/assets/fonts/bold-b542beb274-v2.woff2',
      '/assets/images/favicon.ico',
    ]) {
      expect({ asset, status: (await h.app.inject(asset)).statusCode }).toEqual({
        asset,
        status: 200,
      });
    }
    expect((await h.app.inject('/assets/../package.json')).statusCode).toBe(404);
  });
});

describe('errors', () => {
  it('shows a GOV.UK 404 page, and JSON for the API', async () => {
    const page = await new WebClient(h.app).get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
    const api = await h.app.inject('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
  });

  it('answers a malformed form body with a plain error page, not a stack trace', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
