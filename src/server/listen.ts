import type { App, ServerDeps } from './types.ts';
import { buildApp } from './app.ts';

export interface RunningServer {
  readonly app: App;
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Build the app and listen on `config.http.host:port` (port 0 picks a free one). */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const app = await buildApp(deps);
  try {
    await app.listen({ host: deps.config.http.host, port: deps.config.http.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : deps.config.http.port;
  const host = address !== null && typeof address === 'object' && address.family === 'IPv6' ? `[${address.address}]` : (typeof address === 'object' && address !== null ? address.address : deps.config.http.host);
  return { app, url: `http://${host}:${port}`, port, close: () => app.close() };
}
