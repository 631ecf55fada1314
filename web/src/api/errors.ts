import { ApiError } from './http.ts';

/** A route the server does not have (yet), e.g. alerts before detection is deployed. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
