/**
 * The catalogue of event fields Vaern knows, by their ECS names.
 *
 * This table is the single source of the event model: the `VaernEvent` type, the columns of the
 * event stores, the nesting of ECS JSON output and the hunt filters are all derived from it.
 * Adding a field here is the whole change needed to carry it end to end.
 *
 * Storage types:
 * - `date`      epoch milliseconds inside Vaern, ISO 8601 in ECS JSON
 * - `long`      integer (ports, bytes, packets, AS numbers, offsets)
 * - `ip`        IPv4 or IPv6 address in canonical text form
 * - `keyword`   short exact-match string
 * - `text`      free text (messages, originals)
 * - `keyword[]` list of keywords (ECS arrays such as `event.category`, `related.ip`)
 */
export const EVENT_FIELDS = {
  '@timestamp': 'date',
  message: 'text',

  'event.kind': 'keyword',
  'event.category': 'keyword[]',
  'event.type': 'keyword[]',
  'event.action': 'keyword',
  'event.outcome': 'keyword',
  'event.code': 'keyword',
  'event.dataset': 'keyword',
  'event.module': 'keyword',
  'event.provider': 'keyword',
  'event.severity': 'long',
  'event.duration': 'long',
  'event.reason': 'keyword',
  'event.id': 'keyword',
  'event.ingested': 'date',
  'event.original': 'text',
  'event.start': 'date',
  'event.end': 'date',

  'source.ip': 'ip',
  'source.port': 'long',
  'source.mac': 'keyword',
  'source.domain': 'keyword',
  'source.bytes': 'long',
  'source.packets': 'long',
  'source.nat.ip': 'ip',
  'source.nat.port': 'long',
  'source.geo.country_iso_code': 'keyword',
  'source.as.number': 'long',
  'source.as.organization.name': 'keyword',

  'destination.ip': 'ip',
  'destination.port': 'long',
  'destination.mac': 'keyword',
  'destination.domain': 'keyword',
  'destination.bytes': 'long',
  'destination.packets': 'long',
  'destination.nat.ip': 'ip',
  'destination.nat.port': 'long',
  'destination.geo.country_iso_code': 'keyword',
  'destination.as.number': 'long',
  'destination.as.organization.name': 'keyword',

  'network.transport': 'keyword',
  'network.protocol': 'keyword',
  'network.type': 'keyword',
  'network.iana_number': 'keyword',
  'network.direction': 'keyword',
  'network.bytes': 'long',
  'network.packets': 'long',
  'network.community_id': 'keyword',
  /** The application the firewall identified (PAN-OS App-ID, FortiGate app), e.g. `web-browsing`. */
  'network.application': 'keyword',

  'observer.vendor': 'keyword',
  'observer.product': 'keyword',
  'observer.type': 'keyword',
  'observer.hostname': 'keyword',
  'observer.serial_number': 'keyword',
  'observer.ip': 'ip',
  'observer.ingress.interface.name': 'keyword',
  'observer.egress.interface.name': 'keyword',
  'observer.ingress.zone': 'keyword',
  'observer.egress.zone': 'keyword',
  'observer.ingress.interface.id': 'keyword',
  'observer.egress.interface.id': 'keyword',

  'rule.id': 'keyword',
  'rule.name': 'keyword',
  'rule.ruleset': 'keyword',

  'user.name': 'keyword',
  'user.domain': 'keyword',

  'host.name': 'keyword',
  'process.name': 'keyword',
  'process.pid': 'long',

  'dns.question.name': 'keyword',
  'dns.question.type': 'keyword',
  'dns.response_code': 'keyword',
  'url.domain': 'keyword',
  'url.path': 'keyword',
  'http.request.method': 'keyword',
  'http.response.status_code': 'long',
  'tls.server.name': 'keyword',
  'tls.version': 'keyword',
  'dns.id': 'keyword',
  /** `query` or `answer` (Suricata EVE logs both). */
  'dns.type': 'keyword',
  'dns.question.class': 'keyword',
  'dns.answers.data': 'keyword[]',
  /** The addresses among the answers (ECS `ip` array, kept as text). */
  'dns.resolved_ip': 'keyword[]',
  'url.original': 'keyword',
  'url.query': 'keyword',
  'http.version': 'keyword',
  'http.request.referrer': 'keyword',
  'http.request.body.bytes': 'long',
  'http.response.body.bytes': 'long',
  'http.response.mime_type': 'keyword',
  'user_agent.original': 'keyword',
  'tls.version_protocol': 'keyword',
  'tls.cipher': 'keyword',
  'tls.client.ja3': 'keyword',
  'tls.server.ja3s': 'keyword',
  'tls.server.subject': 'keyword',
  'tls.server.issuer': 'keyword',

  'threat.indicator.matched.atomic': 'keyword',
  'threat.indicator.matched.field': 'keyword',
  'threat.indicator.provider': 'keyword',
  'threat.indicator.confidence': 'keyword',
  /** The intel entry that matched (`evil.example` for a hit on `a.evil.example`, or a CIDR). */
  'threat.indicator.name': 'keyword',

  'related.ip': 'keyword[]',
  'related.hosts': 'keyword[]',
  'related.user': 'keyword[]',

  'log.level': 'keyword',
  'log.file.path': 'keyword',
  'log.offset': 'long',
  'log.syslog.priority': 'long',
  'log.syslog.facility.code': 'long',
  'log.syslog.severity.code': 'long',
  'log.syslog.hostname': 'keyword',
  'log.syslog.appname': 'keyword',
  'log.syslog.procid': 'keyword',
  'log.syslog.msgid': 'keyword',

  /** The municipality (tenant) this event belongs to. Every event has one. */
  'vaern.tenant': 'keyword',
  /** The sensor (firewall, router, Zeek host) that produced it. */
  'vaern.sensor': 'keyword',
  /** The decoder that produced it (`filterlog`, `iptables`, ...). */
  'vaern.format': 'keyword',
  /** The network zone of the internal end (outside, dmz, internal, ...), when known. */
  'vaern.zone': 'keyword',
  /** Sector tags of the internal asset involved (health, school, administration, ot, ...). */
  'vaern.sector': 'keyword[]',
  /** Criticality of the internal asset involved (low, medium, high, critical). */
  'vaern.criticality': 'keyword',
  /**
   * The vendor's own action word (`deny`, `drop`, `block`, `close`, `teardown`...). `event.action`
   * holds Vaern's normalised form (`allowed`, `denied`, or an auth action such as `logged-in`).
   */
  'vaern.vendor_action': 'keyword',
  /** TCP flags OR-ed over a flow (NetFlow/IPFIX tcpControlBits). */
  'vaern.tcp_flags': 'long',
  /** 1 in N packet sampling the exporter applied; bytes and packets are already scaled by it. */
  'vaern.sampling_interval': 'long',
  /** The tunnel address a VPN gateway assigned to a remote-access client (ASA 722051, SSL VPN). */
  'vaern.assigned_ip': 'ip',
  /** Connection state as the sensor names it: Zeek `conn_state` (`SF`, `S0`, `REJ`...), Suricata flow `state`. */
  'vaern.conn_state': 'keyword',
  /** Zeek's connection history letters (`ShADadFf`): who sent SYN, data, FIN, RST, in order. */
  'vaern.conn_history': 'keyword',
  /** SSH client and server version strings (`SSH-2.0-OpenSSH_8.9`); ECS has no SSH fields. */
  'vaern.ssh.client': 'keyword',
  'vaern.ssh.server': 'keyword',
  /** Authentication attempts Zeek saw on one SSH connection (brute force shows as many). */
  'vaern.ssh.auth_attempts': 'long',
} as const satisfies Record<string, FieldType>;

export type FieldType = 'date' | 'long' | 'ip' | 'keyword' | 'text' | 'keyword[]';
export type EventFieldName = keyof typeof EVENT_FIELDS;

type ValueOf<T extends FieldType> = T extends 'date' | 'long'
  ? number
  : T extends 'keyword[]'
    ? string[]
    : string;

/** The value type of each event field, derived from the catalogue. */
export type EventFieldValues = { [K in EventFieldName]: ValueOf<(typeof EVENT_FIELDS)[K]> };

export const EVENT_FIELD_NAMES = Object.keys(EVENT_FIELDS) as EventFieldName[];

export function isEventField(name: string): name is EventFieldName {
  return Object.hasOwn(EVENT_FIELDS, name);
}
