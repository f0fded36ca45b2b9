/**
 * The HTTP side of the dealer API: one pooled undici connection set per base URL, with connect,
 * header and body timeouts and a bound on connections (calls beyond it wait in the pool's queue).
 * It posts an envelope and hands back status, headers and body text; what they mean is decided by
 * the client. It never logs, and never puts the request body in anything it returns or throws.
 */
import { Pool } from 'undici';

export interface HttpSettings {
  baseUrl: string;
  /** Connections open at once to the base URL's host. */
  connections: number;
  connectTimeoutMs: number;
  /** Until the response headers arrive. */
  headersTimeoutMs: number;
  /** Between two chunks of the response body. */
  bodyTimeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Larger answers are not Kroll's (a page of 500 invoices is a few megabytes). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class SoapHttp {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(readonly settings: HttpSettings) {
    const url = new URL(settings.baseUrl);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, {
      connections: settings.connections,
      connectTimeout: settings.connectTimeoutMs,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
    });
  }

  async post(soapAction: string, envelope: string, signal?: AbortSignal): Promise<HttpAnswer> {
    const response = await this.pool.request({
      path: this.path,
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapAction}"` },
      body: envelope,
      signal,
    });
    const length = Number(response.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      response.body.destroy();
      throw new Error(`the answer is ${length} bytes, more than ${MAX_BODY_BYTES}`);
    }
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  }

  /** GET of a URL next to the base URL (the service description), for diagnostics. */
  async get(search: string, signal?: AbortSignal): Promise<HttpAnswer> {
    const response = await this.pool.request({ path: `${this.path.split('?')[0]}${search}`, method: 'GET', signal });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
