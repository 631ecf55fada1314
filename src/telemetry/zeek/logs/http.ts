import type { VaernEvent } from '../../../model/event.ts';
import type { ZeekRecord } from '../record.ts';

/** http.log: one line per request/response. `uri` is the request target, path and query. */
export function mapHttp(r: ZeekRecord, e: VaernEvent): void {
  e['event.category'] = ['network', 'web'];
  e['event.type'] = ['access'];
  e['network.protocol'] = 'http';
  const host = r.str('host');
  if (host !== undefined && host !== '') e['url.domain'] = host;
  const uri = r.str('uri');
  if (uri !== undefined && uri !== '') {
    e['url.original'] = uri;
    const q = uri.indexOf('?');
    e['url.path'] = q < 0 ? uri : uri.slice(0, q);
    if (q >= 0 && q + 1 < uri.length) e['url.query'] = uri.slice(q + 1);
  }
  const method = r.str('method');
  if (method !== undefined && method !== '') e['http.request.method'] = method;
  const status = r.num('status_code');
  if (status !== undefined) e['http.response.status_code'] = status;
  const version = r.str('version');
  if (version !== undefined && version !== '') e['http.version'] = version;
  const ua = r.str('user_agent');
  if (ua !== undefined && ua !== '') e['user_agent.original'] = ua;
  const referrer = r.str('referrer');
  if (referrer !== undefined && referrer !== '') e['http.request.referrer'] = referrer;
  const reqLen = r.num('request_body_len');
  if (reqLen !== undefined) e['http.request.body.bytes'] = reqLen;
  const respLen = r.num('response_body_len');
  if (respLen !== undefined) e['http.response.body.bytes'] = respLen;
  const mime = r.list('resp_mime_types')?.[0];
  if (mime !== undefined && mime !== '') e['http.response.mime_type'] = mime;
  if (status !== undefined) e['event.outcome'] = status < 400 ? 'success' : 'failure';
}
