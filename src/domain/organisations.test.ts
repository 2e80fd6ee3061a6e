import { describe, expect, it } from 'vitest';
import {
  ORGANISATION_KINDS,
  roleFitsOrganisation,
  slugify,
  SLUG_PATTERN,
} from './organisations.js';
import { can, ROLES, roleCan } from './roles.js';

describe('slugify', () => {
  it.each([
    ['Avon & Somerset RJ Hub', 'avon-somerset-rj-hub'],
    ['  Gwasanaeth Cyfiawnder Adferol Dyfed-Powys ', 'gwasanaeth-cyfiawnder-adferol-dyfed-powys'],
    ['Ysgol Gymraeg Bro Ŵyr', 'ysgol-gymraeg-bro-wyr'],
    ['!!!', ''],
  ])('makes a short lowercase name from any organisation name: %j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('is at most 60 characters, or the length asked for, with no hyphen left at the end', () => {
    expect(slugify(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59));
    expect(slugify('Faith & belief', 6)).toBe('faith');
  });

  it.each(['A', 'Some -- Name', 'x'.repeat(200) + ' y', 'Café Ürban 2'])(
    'always matches the slug pattern when not empty: %j',
    (name) => {
      expect(slugify(name)).toMatch(SLUG_PATTERN);
    },
  );
});

describe('roles and organisations', () => {
  it('puts case work only in restorative justice services', () => {
    for (const kind of ORGANISATION_KINDS) {
      expect(roleFitsOrganisation('practitioner', kind)).toBe(kind === 'rj_service');
      expect(roleFitsOrganisation('commissioner', kind)).toBe(kind === 'pcc_office');
    }
  });

  it('never lets an administrator see case data', () => {
    for (const role of ['org_admin', 'system_admin'] as const) {
      expect(roleCan(role, 'work_cases')).toBe(false);
      expect(roleCan(role, 'view_area')).toBe(false);
    }
    expect(can({ kind: 'system', orgId: null, name: 'cli' }, 'work_cases')).toBe(false);
  });

  it('gives every role at least one capability', () => {
    for (const role of ROLES) {
      expect(
        ['administer_organisation', 'work_cases', 'refer', 'view_area', 'view_national'].some((c) =>
          roleCan(role, c as never),
        ),
      ).toBe(true);
    }
  });
});
