import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { alertRoutes } from './alerts/routes.ts';
import { suppressionRoutes } from './alerts/suppressions.ts';
import { auditRoutes } from './audit/routes.ts';
import { authHook } from './auth/hook.ts';
import { authRoutes } from './auth/routes.ts';
import { errorHandler } from './error-handler.ts';
import { VaernError } from './errors.ts';
import { eventRoutes } from './events/routes.ts';
import { securityHeaders } from './headers.ts';
import { healthRoutes } from './health/routes.ts';
import { createMetrics } from './metrics/registry.ts';
import { metricsRoutes } from './metrics/routes.ts';
import { registerOpenApi } from './openapi/plugin.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { rejectRoutes } from './rejects/routes.ts';
import { sensorRoutes } from './sensors/routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { createStreamHub } from './stream/hub.ts';
import { streamRoutes } from './stream/routes.ts';
import { tenantRoutes } from './tenants/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import type { App, Deps, RegisterRoutes, ServerDeps } from './types.ts';
import { userRoutes } from './users/routes.ts';
import { VERSION } from './version.ts';
import { registerWeb } from './web/static.ts';

/** Largest JSON body accepted: the API takes small documents, never uploads. */
const BODY_LIMIT = 1 << 20;

/**
 * Build the HTTP app (not listening; see listen.ts). Tests call `inject()` on it. The order
 * matters: plugins that watch route registration (OpenAPI, rate limit) come first, then the one
 * auth hook, then the routes of each domain.
 */
export async function buildApp(input: ServerDeps): Promise<App> {
  const deps: Deps = { ...input, now: input.now ?? Date.now };
  const app = Fastify({
    logger: loggerOptions(input),
    bodyLimit: BODY_LIMIT,
    // Only named proxies: trusting any X-Forwarded-For would let a client pick its own address
    // for the login rate limit and the audit log.
    trustProxy: input.config.http.trustedProxies.length > 0 ? [...input.config.http.trustedProxies] : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // JSON only (see auth/csrf.ts): without the text/plain parser such bodies get 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('auth', null);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new VaernError('VAERN_ERR_RATE_LIMITED'),
  });
  await registerOpenApi(app, VERSION);

  app.addHook('onRequest', authHook(deps));
  app.addHook('onSend', securityHeaders);

  const hub = createStreamHub({ stats: deps.stats, now: deps.now });
  app.decorate('emit', hub.emit);
  app.addHook('preClose', async () => hub.closeAll());

  const routes: RegisterRoutes[] = [
    healthRoutes,
    openApiRoutes,
    authRoutes,
    tokenRoutes,
    statsRoutes,
    eventRoutes,
    alertRoutes,
    suppressionRoutes,
    rejectRoutes,
    tenantRoutes,
    sensorRoutes,
    userRoutes,
    auditRoutes,
    streamRoutes(hub),
    metricsRoutes(createMetrics(deps.stats)),
  ];
  for (const register of routes) register(app, deps);
  await registerWeb(app, deps.webRoot);
  return app;
}

/** Structured JSON logs (pino); credentials are redacted wherever a serializer might print them. */
function loggerOptions(deps: ServerDeps): FastifyServerOptions['logger'] {
  if (deps.logger === false) return false;
  const base = {
    level: deps.config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
  };
  return typeof deps.logger === 'object' ? { ...base, ...deps.logger } : base;
}
