import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { VaernConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import type { EventStore } from '../../src/store/events/event-store.ts';
import type { StateStore } from '../../src/store/state/state-store.ts';
import { ingestStats } from './fixture.ts';

interface Operation {
  security?: unknown[];
  responses?: Record<string, unknown>;
}
type OpenApiDoc = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>> };

/** The document is built from route schemas alone, so no store is touched: empty stand-ins suffice. */
async function openApiDoc(): Promise<OpenApiDoc> {
  const app = await buildApp({ config: VaernConfig.parse({}), state: {} as StateStore, events: {} as EventStore, stats: ingestStats, logger: false });
  try {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    return res.json<OpenApiDoc>();
  } finally {
    await app.close();
  }
}

/**
 * Redocly (the validator inside openapi-typescript, which the console uses to generate its API
 * types) with the structural rules as errors: a schema object where the 3.1 spec has none, an
 * undeclared path parameter, a dangling $ref.
 */
async function structuralProblems(doc: unknown): Promise<string[]> {
  const config = await createConfig({
    rules: {
      struct: 'error',
      'no-unresolved-refs': 'error',
      'path-parameters-defined': 'error',
      'operation-operationId-unique': 'error',
      'no-identical-paths': 'error',
      'no-path-trailing-slash': 'error',
      'operation-2xx-response': 'error',
    },
  });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
  return problems.filter((p) => p.severity === 'error').map((p) => `${p.message} at ${p.location[0]?.pointer ?? '?'}`);
}

test('the validator used here does catch a broken document', async () => {
  const broken = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a/{id}': { get: { responses: { 200: { description: 5 } } } } } };
  assert.ok((await structuralProblems(broken)).length >= 2);
});

test('openapi.json is a valid OpenAPI 3.1 document', async () => {
  const doc = await openApiDoc();
  assert.equal(doc.openapi, '3.1.0');
  assert.match(doc.info.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(await structuralProblems(doc), []);
});

test('openapi.json lists every API route with its methods, and only the intended ones are public', async () => {
  const doc = await openApiDoc();
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, op })),
  );
  const keys = new Set(ops.map((o) => o.key));
  for (const expected of [
    'GET /api/v1/health',
    'GET /api/v1/openapi.json',
    'POST /api/v1/auth/login',
    'POST /api/v1/auth/logout',
    'GET /api/v1/auth/me',
    'PUT /api/v1/auth/me/locale',
    'GET /api/v1/tokens',
    'POST /api/v1/tokens',
    'DELETE /api/v1/tokens/{id}',
    'GET /api/v1/stats/breach-attempts',
    'GET /api/v1/events',
    'GET /api/v1/events/histogram',
    'GET /api/v1/events.csv',
    'GET /api/v1/rejects',
    'GET /api/v1/tenants',
    'POST /api/v1/tenants',
    'PATCH /api/v1/tenants/{id}',
    'GET /api/v1/sensors',
    'POST /api/v1/sensors',
    'DELETE /api/v1/sensors/{id}',
    'GET /api/v1/users',
    'POST /api/v1/users',
    'PATCH /api/v1/users/{id}',
    'GET /api/v1/audit',
    'GET /api/v1/stream',
    'GET /metrics',
  ]) {
    assert.ok(keys.has(expected), `missing ${expected}`);
  }
  const publicOps = ops.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0).map((o) => o.key);
  assert.deepEqual(publicOps.sort(), ['GET /api/v1/health', 'GET /api/v1/openapi.json', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout'].sort());
  for (const { key, op } of ops) assert.ok(op.responses !== undefined && Object.keys(op.responses).length > 0, `${key} documents no response`);
});

test('the user schema in the document has no password field', async () => {
  const doc = await openApiDoc();
  assert.doesNotMatch(JSON.stringify(doc), /passwordHash|tokenHash|password_hash/);
});
