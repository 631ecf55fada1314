import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TENANTS, scopeOf } from '../../../src/model/tenant.ts';
import { covers, effectiveGrants, mayGrant, roleIn, scopeFor } from '../../../src/server/auth/grants.ts';
import type { RoleGrant } from '../../../src/store/state/state-store.ts';

const g = (tenant: string, role: RoleGrant['role']): RoleGrant => ({ tenant, role });

test('roleIn takes the highest role, counting * everywhere but only * for *', () => {
  const grants = [g('a', 'viewer'), g('a', 'admin'), g('*', 'analyst')];
  assert.equal(roleIn(grants, 'a'), 'admin');
  assert.equal(roleIn(grants, 'b'), 'analyst');
  assert.equal(roleIn(grants, '*'), 'analyst');
  assert.equal(roleIn([g('a', 'admin')], '*'), undefined);
});

test('scopeFor keeps tenants where the role is held; a sufficient * grant means all', () => {
  assert.deepEqual(scopeFor([g('a', 'viewer'), g('b', 'admin')], 'analyst'), scopeOf(['b']));
  assert.deepEqual(scopeFor([g('*', 'viewer'), g('b', 'admin')], 'admin'), scopeOf(['b']));
  assert.deepEqual(scopeFor([g('*', 'admin')], 'viewer'), ALL_TENANTS);
});

test('token grants are capped by the user’s current grants', () => {
  assert.deepEqual(effectiveGrants([g('a', 'analyst')], []), [g('a', 'analyst')]);
  assert.deepEqual(effectiveGrants([g('a', 'viewer')], [g('a', 'admin'), g('b', 'viewer')]), [g('a', 'viewer')]);
  assert.deepEqual(effectiveGrants([g('*', 'admin')], [g('a', 'viewer')]), [g('a', 'viewer')]);
});

test('only admins grant, and * only by a centre admin', () => {
  assert.ok(mayGrant([g('a', 'admin')], g('a', 'admin')));
  assert.ok(!mayGrant([g('a', 'admin')], g('*', 'viewer')));
  assert.ok(!mayGrant([g('a', 'analyst')], g('a', 'viewer')));
  assert.ok(mayGrant([g('*', 'admin')], g('*', 'admin')));
  assert.ok(covers([g('a', 'admin')], [g('a', 'viewer')]));
  assert.ok(!covers([g('a', 'admin')], [g('*', 'viewer')]));
});
