import { readFileSync, existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TENANT_ID_PATTERN } from '../model/tenant.ts';

/**
 * Vaern's configuration: one YAML file (default `vaern.yaml` in the working directory, or the
 * path in `VAERN_CONFIG`), overlaid by environment variables. Every key has a default, so an
 * empty or missing file is a valid configuration. Unknown keys are rejected, so a typo is an
 * error rather than a silently ignored setting.
 *
 * The reference in docs/configuration.md is generated from these schemas (`npm run docs`).
 */

const cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected a CIDR such as 10.0.0.0/8');

export const ListenerConfig = z
  .object({
    name: z.string().min(1).describe('Name used in metrics, rejects and sensor matching, e.g. `syslog-udp`.'),
    protocol: z
      .enum(['udp', 'tcp', 'tls', 'netflow'])
      .describe('`udp` syslog (RFC 5426), `tcp` syslog (RFC 6587, newline or octet-counting framing), `tls` syslog (RFC 5425), or `netflow` (NetFlow v5/v9 and IPFIX over UDP).'),
    host: z.string().default('0.0.0.0').describe('Address to bind.'),
    port: z.number().int().min(0).max(65535).describe('Port to bind (0 picks a free one; used by tests).'),
    format: z.string().default('auto').describe('Decoder for lines from unmatched senders, or `auto` to detect per line.'),
    tenant: z.string().regex(TENANT_ID_PATTERN).optional().describe('Tenant for senders that match no sensor; when absent such lines are rejected.'),
    tls: z
      .object({
        cert: z.string().describe('PEM certificate file.'),
        key: z.string().describe('PEM private key file.'),
        ca: z.string().optional().describe('PEM CA bundle; when given, senders must present a client certificate it signed.'),
      })
      .strict()
      .optional()
      .describe('Certificate files, for `protocol: tls`.'),
    maxFrameBytes: z.number().int().min(1024).default(65536).describe('Longest syslog message accepted; longer ones are cut and kept as rejects.'),
    recvBufferSize: z.number().int().positive().optional().describe('UDP socket receive buffer in bytes (the kernel caps it at net.core.rmem_max).'),
  })
  .strict()
  .refine((l) => (l.protocol === 'tls') === (l.tls !== undefined), 'a `tls` listener needs `tls.cert` and `tls.key`, and only a `tls` listener takes them');
export type ListenerConfig = z.infer<typeof ListenerConfig>;

export const TenantConfig = z
  .object({
    id: z.string().regex(TENANT_ID_PATTERN).describe('Slug, e.g. `nordby`.'),
    name: z.string().min(1).describe('Display name, e.g. `Nordby Kommune`.'),
    country: z.enum(['DK', 'NO']).default('DK').describe('Country: default language and legal frame.'),
    networks: z.array(cidr).default([]).describe("The municipality's own address ranges (internal and public); traffic from elsewhere is outside."),
  })
  .strict();
export type TenantConfig = z.infer<typeof TenantConfig>;

export const SensorConfig = z
  .object({
    name: z.string().min(1).describe('Sensor name, e.g. `fw-town-hall`.'),
    tenant: z.string().regex(TENANT_ID_PATTERN).describe('Tenant (municipality) whose data this sensor sends.'),
    format: z.string().default('auto').describe('Decoder for this sensor, or `auto`.'),
    address: cidr.optional().describe('Match senders by source address (CIDR).'),
    listener: z.string().optional().describe('Match everything arriving on this listener.'),
  })
  .strict()
  .refine((s) => (s.address === undefined) !== (s.listener === undefined), 'a sensor matches by exactly one of `address` or `listener`');
export type SensorConfig = z.infer<typeof SensorConfig>;

function isAddressOrCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

export const VaernConfig = z
  .object({
    http: z
      .object({
        host: z.string().default('0.0.0.0').describe('Address the HTTP API and web console bind (`VAERN_HOST`).'),
        port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port (`VAERN_PORT`).'),
        secureCookies: z.boolean().default(false).describe('Mark session cookies `Secure`; turn on behind HTTPS.'),
        sessionHours: z.number().positive().default(12).describe('Session lifetime in hours.'),
        trustedProxies: z
          .array(z.string().refine(isAddressOrCidr, 'expected an IP address or CIDR block'))
          .default([])
          .describe(
            'Reverse proxies (addresses or CIDR blocks) whose `X-Forwarded-For` is believed. Empty: the ' +
              "socket's peer is the client, so login rate limits and the audit log see the real sender.",
          ),
      })
      .strict()
      .default({ host: '0.0.0.0', port: 8080, secureCookies: false, sessionHours: 12, trustedProxies: [] })
      .describe('HTTP API and web console.'),
    dataDir: z.string().default('./data').describe('Directory for the embedded stores (`VAERN_DATA_DIR`).'),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info').describe('Log level (`VAERN_LOG_LEVEL`).'),
    retentionDays: z.number().int().positive().default(180).describe('Events older than this are deleted.'),
    spool: z
      .object({
        enabled: z.boolean().default(true).describe('Write what TCP/TLS senders deliver to disk before it counts as received, so a crash loses none of it.'),
        syncIntervalMs: z.number().int().min(0).max(1000).default(50).describe('Group commit: at most this long between fdatasync calls.'),
      })
      .strict()
      .default({ enabled: true, syncIntervalMs: 50 })
      .describe('The write-ahead spool under `<dataDir>/spool` between stream listeners and the pipeline.'),
    listeners: z
      .array(ListenerConfig)
      .default([
        { name: 'syslog-udp', protocol: 'udp', host: '0.0.0.0', port: 5514, format: 'auto', maxFrameBytes: 65536 },
        { name: 'syslog-tcp', protocol: 'tcp', host: '0.0.0.0', port: 5514, format: 'auto', maxFrameBytes: 65536 },
        { name: 'netflow', protocol: 'netflow', host: '0.0.0.0', port: 2055, format: 'auto', maxFrameBytes: 65536 },
      ])
      .describe('Listeners for syslog and flows (`VAERN_SYSLOG_PORT` moves the syslog defaults, `VAERN_NETFLOW_PORT` the NetFlow one).'),
    enrichment: z
      .object({
        assetsDir: z.string().optional().describe('Directory of asset inventories, one `<tenant>.yaml` each: `assets: [{cidr, zone, sectors, criticality, name}]`.'),
        intel: z
          .array(
            z
              .object({
                path: z.string().describe('Threat-intelligence file.'),
                format: z.enum(['auto', 'list', 'csv', 'stix', 'misp']).default('auto').describe('`list` (one IP/CIDR/domain a line), `csv`, `stix` (2.1 bundle), `misp` (event JSON), or `auto`.'),
                source: z.string().min(1).describe('Provider name shown on matches, e.g. `cfcs`, `nsm`.'),
                confidence: z.number().int().min(0).max(100).optional().describe('Confidence 0-100 for entries that carry none (default 50).'),
              })
              .strict(),
          )
          .default([])
          .describe('Threat-intelligence files, read at start.'),
      })
      .strict()
      .default({ intel: [] })
      .describe('Asset inventory and threat intelligence for enrichment.'),
    files: z
      .array(
        z
          .object({
            dir: z.string().describe('Directory to follow, e.g. Zeek\'s `logs/current` or Suricata\'s log directory; rotated files and `.gz` archives are read once.'),
            tenant: z.string().regex(TENANT_ID_PATTERN),
            sensor: z.string().min(1).describe('Sensor name recorded on the events.'),
            format: z.string().default('auto').describe('`zeek`, `zeek-json`, `suricata`, a syslog format, or `auto` (per file, from its first lines).'),
          })
          .strict(),
      )
      .default([])
      .describe('Log directories to tail, with checkpoints under `<dataDir>/checkpoints`, so a restart resumes without loss or duplicates.'),
    tenants: z.array(TenantConfig).default([]).describe('Tenants created at start (also manageable in the console).'),
    sensors: z.array(SensorConfig).default([]).describe('Sensors created at start, mapping senders to tenants.'),
  })
  .strict();
export type VaernConfig = z.infer<typeof VaernConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Read the file (if any), apply environment overrides, validate. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): VaernConfig {
  const path = env['VAERN_CONFIG'] ?? resolve(cwd, 'vaern.yaml');
  let raw: unknown = {};
  if (existsSync(path)) {
    try {
      raw = parseYaml(readFileSync(path, 'utf8')) ?? {};
    } catch (err) {
      throw new ConfigError(`${path}: ${(err as Error).message}`);
    }
  } else if (env['VAERN_CONFIG'] !== undefined) {
    throw new ConfigError(`${path}: file not found (from VAERN_CONFIG)`);
  }
  const parsed = VaernConfig.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`${path}: ${z.prettifyError(parsed.error)}`);
  }
  return applyEnv(parsed.data, env);
}

function applyEnv(config: VaernConfig, env: NodeJS.ProcessEnv): VaernConfig {
  const port = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name}: expected a port number, got "${v}"`);
    return n;
  };
  const httpPort = port('VAERN_PORT');
  const syslogPort = port('VAERN_SYSLOG_PORT');
  const netflowPort = port('VAERN_NETFLOW_PORT');
  const level = env['VAERN_LOG_LEVEL'];
  if (level !== undefined && !VaernConfig.shape.logLevel.safeParse(level).success) {
    throw new ConfigError(`VAERN_LOG_LEVEL: expected trace, debug, info, warn or error, got "${level}"`);
  }
  return {
    ...config,
    http: { ...config.http, port: httpPort ?? config.http.port, host: env['VAERN_HOST'] ?? config.http.host },
    dataDir: env['VAERN_DATA_DIR'] ?? config.dataDir,
    logLevel: (level as VaernConfig['logLevel'] | undefined) ?? config.logLevel,
    listeners: config.listeners.map((l) => {
      if (syslogPort !== undefined && (l.name === 'syslog-udp' || l.name === 'syslog-tcp')) return { ...l, port: syslogPort };
      if (netflowPort !== undefined && l.name === 'netflow') return { ...l, port: netflowPort };
      return l;
    }),
  };
}
