import { describe, expect, it } from 'vitest';
import {
  actsFromOutside,
  mayAddUser,
  mayChangeRole,
  mayChangeUser,
  mayIssuePasswordLink,
  mayIssueToken,
  mayManageTokens,
  mayViewUser,
  standing,
  type Account,
  type Decision,
} from './administration.js';
import { ROLES, isAdministratorRole, type Actor, type Role, type UserActor } from './roles.js';

const SERVICE = 'org-service';
const OPERATORS = 'org-operators';
const OTHER = 'org-other';

const person = (role: Role, orgId: string, userId = `${role}-${orgId}`): UserActor => ({
  kind: 'user',
  userId,
  orgId,
  role,
  name: role,
});
const serviceAdmin = person('org_admin', SERVICE);
const otherAdmin = person('org_admin', OTHER);
const systemAdmin = person('system_admin', OPERATORS);
const commandLine: Actor = { kind: 'system', orgId: null, name: 'command line' };
const importingForService: Actor = { kind: 'system', orgId: SERVICE, name: 'command line' };

const account = (role: Role, orgId = SERVICE, hasPassword = true): Account => ({
  id: `${role}-${orgId}`,
  orgId,
  role,
  hasPassword,
});
const refusal = (decision: Decision) => (decision.allowed ? 'allowed' : decision.refusal);
const CASE_WORKING = ROLES.filter((role) => !isAdministratorRole(role));

describe('where an actor stands towards an organisation', () => {
  it('is inside for its own administrators, outside for the system administrator and the operator', () => {
    expect(standing(serviceAdmin, SERVICE)).toBe('inside');
    expect(standing(systemAdmin, OPERATORS)).toBe('inside');
    expect(standing(systemAdmin, SERVICE)).toBe('outside');
    expect(standing(commandLine, SERVICE)).toBe('outside');
    expect(standing(otherAdmin, SERVICE)).toBe('none');
    expect(standing(importingForService, SERVICE)).toBe('none');
    for (const role of CASE_WORKING) expect(standing(person(role, SERVICE), SERVICE)).toBe('none');
  });
});

describe('adding a user', () => {
  const existing = { id: SERVICE, hasAdministrator: true };
  const fresh = { id: SERVICE, hasAdministrator: false };

  it('lets an organisation administrator add anyone to its own organisation but a system administrator', () => {
    for (const role of ROLES) {
      expect(refusal(mayAddUser(serviceAdmin, existing, role))).toBe(
        role === 'system_admin' ? 'system_admin_only' : 'allowed',
      );
    }
    expect(refusal(mayAddUser(person('system_admin', SERVICE), existing, 'system_admin'))).toBe(
      'allowed',
    );
  });

  it('hides another organisation from an organisation administrator', () => {
    for (const role of ROLES) {
      expect(refusal(mayAddUser(otherAdmin, existing, role))).toBe('hidden');
      expect(refusal(mayAddUser(otherAdmin, fresh, role))).toBe('hidden');
    }
  });

  it('never lets the system administrator or the command line add a case-working user from outside', () => {
    for (const actor of [systemAdmin, commandLine]) {
      for (const role of CASE_WORKING) {
        expect(refusal(mayAddUser(actor, existing, role))).toBe('only_first_administrator');
        expect(refusal(mayAddUser(actor, fresh, role))).toBe('only_first_administrator');
      }
    }
  });

  it('lets them add only the first administrator, while there is none', () => {
    for (const actor of [systemAdmin, commandLine]) {
      expect(refusal(mayAddUser(actor, fresh, 'org_admin'))).toBe('allowed');
      expect(refusal(mayAddUser(actor, existing, 'org_admin'))).toBe('has_administrator');
      expect(refusal(mayAddUser(actor, existing, 'system_admin'))).toBe('has_administrator');
    }
  });

  it('gives nobody else any way in', () => {
    for (const role of CASE_WORKING) {
      expect(refusal(mayAddUser(person(role, SERVICE), fresh, 'org_admin'))).toBe('hidden');
    }
    expect(refusal(mayAddUser(importingForService, fresh, 'org_admin'))).toBe('hidden');
  });
});

describe('seeing and changing an account', () => {
  it('lets an organisation administrator see and change its own people', () => {
    for (const role of CASE_WORKING) {
      expect(refusal(mayViewUser(serviceAdmin, account(role)))).toBe('allowed');
      for (const change of ['deactivate', 'reactivate', 'training', 'role'] as const) {
        expect(refusal(mayChangeUser(serviceAdmin, account(role), change))).toBe('allowed');
      }
    }
  });

  it("hides another organisation's people from its administrator", () => {
    for (const role of ROLES) {
      expect(refusal(mayViewUser(otherAdmin, account(role)))).toBe('hidden');
      expect(refusal(mayChangeUser(otherAdmin, account(role), 'deactivate'))).toBe('hidden');
      expect(refusal(mayIssuePasswordLink(otherAdmin, account(role)))).toBe('hidden');
    }
  });

  it("hides an organisation's case-working people from the system administrator and the command line", () => {
    for (const actor of [systemAdmin, commandLine]) {
      for (const role of CASE_WORKING) {
        expect(refusal(mayViewUser(actor, account(role)))).toBe('hidden');
        expect(refusal(mayChangeUser(actor, account(role), 'role'))).toBe('hidden');
        expect(refusal(mayIssuePasswordLink(actor, account(role, SERVICE, false)))).toBe('hidden');
      }
    }
  });

  it("shows them an organisation's administrators, to read, and a new first link only for one who never set a password", () => {
    expect(refusal(mayViewUser(systemAdmin, account('org_admin')))).toBe('allowed');
    expect(refusal(mayChangeUser(systemAdmin, account('org_admin'), 'deactivate'))).toBe(
      'read_only',
    );
    expect(refusal(mayChangeRole(systemAdmin, account('org_admin'), 'practitioner'))).toBe(
      'read_only',
    );
    expect(refusal(mayIssuePasswordLink(systemAdmin, account('org_admin')))).toBe('read_only');
    expect(refusal(mayIssuePasswordLink(systemAdmin, account('org_admin', SERVICE, false)))).toBe(
      'allowed',
    );
  });

  it('keeps system administrators for system administrators', () => {
    const operatorAccount = account('system_admin');
    expect(refusal(mayViewUser(serviceAdmin, operatorAccount))).toBe('allowed');
    expect(refusal(mayChangeUser(serviceAdmin, operatorAccount, 'deactivate'))).toBe(
      'system_admin_only',
    );
    expect(refusal(mayIssuePasswordLink(serviceAdmin, operatorAccount))).toBe('system_admin_only');
    expect(refusal(mayChangeRole(serviceAdmin, account('practitioner'), 'system_admin'))).toBe(
      'system_admin_only',
    );
    const colleague = person('system_admin', SERVICE, 'someone-else');
    expect(refusal(mayChangeUser(colleague, operatorAccount, 'deactivate'))).toBe('allowed');
  });

  it('stops an administrator locking themselves out', () => {
    const self = { id: serviceAdmin.userId, orgId: SERVICE, role: 'org_admin' as const };
    const own = { ...self, hasPassword: true };
    expect(refusal(mayChangeUser(serviceAdmin, own, 'deactivate'))).toBe('own_account');
    expect(refusal(mayChangeRole(serviceAdmin, own, 'practitioner'))).toBe('own_account');
    expect(refusal(mayChangeUser(serviceAdmin, own, 'training'))).toBe('allowed');
  });
});

describe('API tokens', () => {
  it("are issued only by the organisation's own administrators", () => {
    expect(refusal(mayIssueToken(serviceAdmin, SERVICE))).toBe('allowed');
    for (const actor of [otherAdmin, systemAdmin, commandLine, importingForService]) {
      expect(refusal(mayIssueToken(actor, SERVICE))).toBe('hidden');
    }
  });

  it('can be revoked by the operator at the command line, but not by another organisation', () => {
    expect(refusal(mayManageTokens(serviceAdmin, SERVICE))).toBe('allowed');
    expect(refusal(mayManageTokens(commandLine, SERVICE))).toBe('allowed');
    expect(refusal(mayManageTokens(systemAdmin, SERVICE))).toBe('hidden');
    expect(refusal(mayManageTokens(otherAdmin, SERVICE))).toBe('hidden');
  });
});

describe('acting from outside', () => {
  it('is what the system administrator and the command line do to other organisations', () => {
    expect(actsFromOutside(systemAdmin, SERVICE)).toBe(true);
    expect(actsFromOutside(commandLine, SERVICE)).toBe(true);
    expect(actsFromOutside(systemAdmin, OPERATORS)).toBe(false);
    expect(actsFromOutside(serviceAdmin, SERVICE)).toBe(false);
  });
});
