/** `nodeHandler`: `consentServer` as a `node:http` request listener (also Express/Connect middleware). */
import { STATUS_OF, type ConsentResult, type ConsentServer } from './server.js';

/**
 * The parts of `http.IncomingMessage` the handler uses (declared here so that Candor's types
 * need no `@types/node`). Express and Connect requests are `IncomingMessage`s too.
 */
export interface NodeRequest {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by a body parser that already read the stream (`express.json()`). */
  body?: unknown;
  readableEnded?: boolean;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  resume(): unknown;
}

/** The parts of `http.ServerResponse` the handler uses. */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  end(body?: string): unknown;
}

/** Options of {@link nodeHandler}. */
export interface NodeHandlerOptions<Q extends NodeRequest = NodeRequest> {
  /**
   * Who is calling, from **your** session (a cookie your auth checks, a verified token):
   * the subject id, or `undefined`/`null` for nobody (refused `unauthenticated`). Never
   * take it from the body or from a header the browser can set freely. If it throws or
   * rejects, the call is refused `unavailable`.
   */
  subject: (request: Q) => string | null | undefined | Promise<string | null | undefined>;
  /** Largest request body read, in bytes. Default: the server's `maxPayloadBytes` + 1 024 (for `{ key, payload }`). */
  maxBodyBytes?: number;
}

const decoder = new TextDecoder();

/** Sends a result as JSON with its status (200, or the refusal's, unless `status` is given). */
function send(response: NodeResponse, result: ConsentResult, extra: Record<string, string> = {}, status?: number): void {
  response.statusCode = status ?? ('ok' in result && result.ok === false ? STATUS_OF[result.error] : 200);
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.setHeader('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(extra)) response.setHeader(name, value);
  response.end(JSON.stringify(result));
}

/** Whether the request says its body is JSON (`application/json`, any parameters). */
function isJson(request: NodeRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type.trim());
}

/** The body as text, or `undefined` when it is longer than `limit` bytes. */
function readBody(request: NodeRequest, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk) => {
      if (over) return;
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(undefined); // answered now; the rest is read and dropped
        return;
      }
      chunks.push(bytes);
    });
    request.on('end', () => {
      if (over) return;
      const all = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(decoder.decode(all));
    });
    request.on('error', reject);
  });
}

/**
 * A `node:http` request listener that serves `server` at one URL: `POST` with
 * `content-type: application/json` and the body `{ key, payload }` that `httpStorage` sends;
 * the answer is the result as JSON, with status 200, or 401 `unauthenticated`, 400 `invalid`,
 * 413 `too-large`, 503 `unavailable` (405 and 415, also `invalid`, for another method or
 * content type). Requiring JSON is also the CSRF defence: a cross-site form cannot send it
 * without a CORS preflight, which this handler never approves.
 *
 * ```js
 * import http from 'node:http';
 * import { consentServer, nodeHandler } from 'candor/server';
 * const consent = nodeHandler(consentServer({ store, purposes }), { subject: (req) => sessions.userOf(req) });
 * http.createServer((req, res) => (req.url === '/api/consent' ? consent(req, res) : other(req, res))).listen(8080);
 *
 * // Express (with or without express.json() before it):
 * app.post('/api/consent', requireSession, nodeHandler(server, { subject: (req) => req.session?.userId }));
 * ```
 *
 * @throws TypeError when the options are invalid.
 */
export function nodeHandler<Q extends NodeRequest = NodeRequest>(
  server: ConsentServer,
  options: NodeHandlerOptions<Q>,
): (request: Q, response: NodeResponse) => Promise<void> {
  if (typeof server !== 'object' || server === null || typeof server.handle !== 'function') {
    throw new TypeError('nodeHandler: expected a server made by consentServer()');
  }
  if (typeof options !== 'object' || options === null || typeof options.subject !== 'function') {
    throw new TypeError('nodeHandler: option "subject" must be a function returning the caller\'s id from your session');
  }
  const limit = options.maxBodyBytes ?? server.maxPayloadBytes + 1024;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError('nodeHandler: option "maxBodyBytes" must be a positive integer');

  return async (request, response) => {
    try {
      if (request.method !== 'POST') {
        request.resume();
        return send(response, { ok: false, error: 'invalid' }, { allow: 'POST' }, 405);
      }
      if (!isJson(request)) {
        request.resume();
        return send(response, { ok: false, error: 'invalid' }, {}, 415);
      }
      const declared = Number(request.headers['content-length']);
      let body: unknown;
      if (request.readableEnded) {
        // Read already: by a body parser (express.json(), whose own limit applies), or by no one we know.
        if (request.body === undefined) return send(response, { ok: false, error: 'invalid' });
        body = request.body;
      } else if (Number.isFinite(declared) && declared > limit) {
        request.resume();
        return send(response, { ok: false, error: 'too-large' }, { connection: 'close' });
      } else {
        const text = await readBody(request, limit);
        if (text === undefined) return send(response, { ok: false, error: 'too-large' }, { connection: 'close' });
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          return send(response, { ok: false, error: 'invalid' });
        }
      }
      let subject: string | null | undefined;
      try {
        subject = await options.subject(request);
      } catch {
        return send(response, { ok: false, error: 'unavailable' });
      }
      send(response, await server.handle(subject, body));
    } catch {
      send(response, { ok: false, error: 'unavailable' });
    }
  };
}
