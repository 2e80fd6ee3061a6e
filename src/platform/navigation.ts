// The service navigation for each role: one list, so a role's menu is easy to review.
import type { Role } from '../domain/roles.js';
import type { Translate } from './i18n/index.js';

interface NavigationItem {
  key: string;
  href: string;
}

const HOME: NavigationItem = { key: 'nav.home', href: '/' };

const REFERRALS: NavigationItem = { key: 'nav.referrals', href: '/referrals' };
const CASES: NavigationItem = { key: 'nav.cases', href: '/cases' };
const AWARENESS: NavigationItem = { key: 'nav.awareness', href: '/awareness' };
const OUTCOMES: NavigationItem = { key: 'nav.outcomes', href: '/outcomes' };
const USERS: NavigationItem = { key: 'nav.users', href: '/admin/users' };
const API_TOKENS: NavigationItem = { key: 'nav.apiTokens', href: '/admin/api-tokens' };
const AUDIT: NavigationItem = { key: 'nav.audit', href: '/admin/audit' };
const STAFF_CHANGES: NavigationItem = { key: 'nav.staffChanges', href: '/staff-changes' };

export const NAVIGATION: Record<Role, NavigationItem[]> = {
  practitioner: [HOME, REFERRALS, CASES, AWARENESS],
  volunteer: [HOME, CASES],
  // Transfers are reached from the case queues, practitioner time from the outcomes page.
  service_manager: [
    HOME,
    REFERRALS,
    CASES,
    AWARENESS,
    OUTCOMES,
    { key: 'nav.settings', href: '/settings' },
  ],
  referrer: [
    HOME,
    { key: 'nav.sentReferrals', href: '/referrals/sent' },
    { key: 'nav.makeReferral', href: '/referrals/new' },
  ],
  commissioner: [
    HOME,
    { key: 'nav.area', href: '/area' },
    { key: 'nav.provision', href: '/provision' },
    { key: 'nav.definitions', href: '/definitions' },
  ],
  national_analyst: [
    HOME,
    { key: 'nav.nationalMap', href: '/national/map' },
    { key: 'nav.survey', href: '/national/survey' },
    { key: 'nav.victimsOffered', href: '/national/victims-offered' },
    { key: 'nav.nationalImport', href: '/national/import' },
    { key: 'nav.definitions', href: '/definitions' },
  ],
  // An organisation administrator looks after its own organisation only.
  org_admin: [HOME, USERS, API_TOKENS, STAFF_CHANGES, AUDIT],
  // The system administrator also creates organisations and gives each its first administrator.
  system_admin: [
    HOME,
    { key: 'nav.organisations', href: '/admin/organisations' },
    USERS,
    API_TOKENS,
    AUDIT,
  ],
};

/** Items for govukServiceNavigation, the one matching the current path marked active. */
export function navigationFor(role: Role | undefined, path: string, t: Translate) {
  if (!role) return [];
  const items = NAVIGATION[role];
  const active = items
    .filter((item) =>
      item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`),
    )
    .sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ href: item.href, text: t(item.key), active: item === active }));
}
