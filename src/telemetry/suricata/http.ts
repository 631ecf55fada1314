import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';
import { describe, type Eve } from './common.ts';

/** `http`: one request/response. `url` is the request target (path and query), `protocol` `HTTP/1.1`. */
const httpSchema = z.looseObject({
  hostname: z.string().optional(),
  url: z.string().optional(),
  http_method: z.string().optional(),
  status: z.number().int().optional(),
  http_user_agent: z.string().optional(),
  http_refer: z.string().optional(),
  http_content_type: z.string().optional(),
  protocol: z.string().optional(),
  length: z.number().int().nonnegative().optional(),
});

export function mapHttp(eve: Eve, e: VaernEvent): string | undefined {
  const parsed = httpSchema.safeParse(eve['http']);
  if (!parsed.success) return `http.${describe(parsed.error)}`;
  const h = parsed.data;
  e['event.category'] = ['network', 'web'];
  e['event.type'] = ['access'];
  e['network.protocol'] = 'http';
  if (h.hostname !== undefined && h.hostname !== '') e['url.domain'] = h.hostname;
  if (h.url !== undefined && h.url !== '') {
    e['url.original'] = h.url;
    const q = h.url.indexOf('?');
    e['url.path'] = q < 0 ? h.url : h.url.slice(0, q);
    if (q >= 0 && q + 1 < h.url.length) e['url.query'] = h.url.slice(q + 1);
  }
  if (h.http_method !== undefined) e['http.request.method'] = h.http_method;
  if (h.status !== undefined) {
    e['http.response.status_code'] = h.status;
    e['event.outcome'] = h.status < 400 ? 'success' : 'failure';
  }
  if (h.http_user_agent !== undefined && h.http_user_agent !== '') e['user_agent.original'] = h.http_user_agent;
  if (h.http_refer !== undefined && h.http_refer !== '') e['http.request.referrer'] = h.http_refer;
  if (h.http_content_type !== undefined) e['http.response.mime_type'] = h.http_content_type;
  if (h.protocol !== undefined) e['http.version'] = h.protocol.replace(/^HTTP\//, '');
  if (h.length !== undefined) e['http.response.body.bytes'] = h.length;
  return undefined;
}
