import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, UNAUTHORIZED_EVENT } from './http.ts';

/** The typed client over the generated OpenAPI paths (see web/scripts/gen-api.ts). */
export const client = createClient<paths>({ credentials: 'same-origin' });

const unauthorized: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login')) {
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    }
  },
};
client.use(unauthorized);

/** The body of a successful answer, or an ApiError carrying the server's `{error:{code,message}}`. */
export async function unwrap<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    const body = (error as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, body?.code ?? `HTTP_${response.status}`, body?.message ?? response.statusText);
  }
  return data as T;
}

/** Query values as the API reads them: text, without empty ones. */
type QueryValue = string | number | undefined | null;
type AsQuery<Q> = { [K in keyof Q]?: Q[K] extends string | undefined | null ? Exclude<Q[K], undefined | null> : string };

export function queryOf<Q extends { [K in keyof Q]: QueryValue }>(q: Q): AsQuery<Q> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q as Record<string, QueryValue>)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out as AsQuery<Q>;
}
