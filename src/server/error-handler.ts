import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FilterError } from '../store/events/duckdb-where.ts';
import { StateConstraintError } from '../store/state/errors.ts';
import { errorBody, VaernError, type ErrorCode } from './errors.ts';

/**
 * Turn any thrown error into the catalogue's response. Our own errors carry their code; request
 * validation errors list what failed (path and message, never the rejected value, which may be a
 * password); fastify's own 4xx errors are mapped to the nearest code; everything else is a 500
 * whose detail goes to the log only.
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof VaernError) {
    return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      in: error.validationContext ?? 'request',
      path: issue.instancePath,
      message: issue.message,
    }));
    return reply.code(400).send(errorBody('VAERN_ERR_VALIDATION', undefined, details));
  }
  // Store errors that are the caller's fault: a filter the store cannot use, a duplicate, a dangling reference.
  if (error instanceof FilterError) return reply.code(400).send(errorBody('VAERN_ERR_VALIDATION', error.message));
  if (error instanceof StateConstraintError) {
    return error.kind === 'duplicate'
      ? reply.code(409).send(errorBody('VAERN_ERR_CONFLICT', error.message))
      : reply.code(404).send(errorBody('VAERN_ERR_NOT_FOUND', error.message));
  }
  const status = (error as Partial<FastifyError>).statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode = status === 413 ? 'VAERN_ERR_PAYLOAD_TOO_LARGE' : status === 415 ? 'VAERN_ERR_UNSUPPORTED_MEDIA_TYPE' : 'VAERN_ERR_BAD_REQUEST';
    return reply.code(code === 'VAERN_ERR_BAD_REQUEST' ? 400 : status).send(errorBody(code, code === 'VAERN_ERR_BAD_REQUEST' ? error.message : undefined));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody('VAERN_ERR_INTERNAL'));
}
