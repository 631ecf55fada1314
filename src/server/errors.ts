import { z } from 'zod';

/**
 * The API's error catalogue. Every error response is `{ error: { code, message, details? } }`
 * with a stable `VAERN_ERR_*` code, so clients (the console, scripts) switch on the code and
 * translate the message themselves; the English message is for people reading logs and curl.
 */
export const ERRORS = {
  VAERN_ERR_VALIDATION: { status: 400, message: 'The request does not match the schema' },
  VAERN_ERR_BAD_REQUEST: { status: 400, message: 'The request could not be read' },
  VAERN_ERR_TIME_RANGE: { status: 400, message: 'Invalid time range' },
  VAERN_ERR_UNAUTHENTICATED: { status: 401, message: 'Sign in or send an API token' },
  VAERN_ERR_BAD_CREDENTIALS: { status: 401, message: 'Wrong username or password' },
  VAERN_ERR_FORBIDDEN: { status: 403, message: 'Your role does not allow this' },
  VAERN_ERR_SESSION_REQUIRED: { status: 403, message: 'This needs a signed-in session, not an API token' },
  VAERN_ERR_NOT_FOUND: { status: 404, message: 'Not found' },
  VAERN_ERR_CONFLICT: { status: 409, message: 'Already exists' },
  VAERN_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  VAERN_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send JSON (Content-Type: application/json)' },
  VAERN_ERR_RATE_LIMITED: { status: 429, message: 'Too many attempts; wait and try again' },
  VAERN_ERR_INTERNAL: { status: 500, message: 'Internal error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Thrown by routes and hooks; the error handler turns it into the catalogue's response. */
export class VaernError extends Error {
  override name = 'VaernError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.details = details;
  }
}

export function fail(code: ErrorCode, message?: string, details?: unknown): never {
  throw new VaernError(code, message, details);
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error: `code` is one of the VAERN_ERR_* catalogue');

export type ErrorBody = z.infer<typeof ErrorBody>;

export function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return { error: { code, message: message ?? ERRORS[code].message, ...(details === undefined ? {} : { details }) } };
}

/** Error responses every protected route can give, for the OpenAPI document. */
export const protectedErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
} as const;
