// A dependency-free static file server for 127.0.0.1, shared by `npm start` (scripts/serve.mjs), the end-to-end
// suite (test/e2e/) and the benchmark (bench/). Every response is `no-store` and `nosniff`; paths cannot leave
// the root (`..`, symlinks, encoded tricks). Callers add headers per request (a page's CSP, say) and may answer
// some requests themselves (`handle`) before the file lookup.
import { createServer } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

export const HOST = '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentType(file) {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Maps a URL path to a file inside root, or null if it would leave root. */
async function locate(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(root + sep)) return null;
    return real;
  } catch {
    return candidate; // does not exist: a 404, decided by the caller
  }
}

/**
 * @param {object} options
 * @param {string} options.root directory served at `/`
 * @param {(url: URL, type: string) => Record<string, string> | undefined} [options.headers] extra headers for a file
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => boolean | Promise<boolean>} [options.handle]
 *   answers a request itself and returns true, or returns false to let the file lookup run
 * @param {string} [options.index] where `/` redirects to
 * @param {{ key: string | Buffer, cert: string | Buffer }} [options.tls] serve https with this key and certificate
 * @returns {import('node:http').Server}
 */
export function createStaticServer({ root, headers, handle, index, tls }) {
  const rootReady = realpath(root);
  const serve = async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    try {
      if (handle && (await handle(req, res, url))) return;
    } catch (err) {
      return send(res, 500, `${err instanceof Error ? err.message : String(err)}\n`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    if (url.pathname === '/' && index) return send(res, 302, 'Found\n', { Location: index });

    const base = await rootReady;
    let file = await locate(base, url.pathname);
    if (!file) return send(res, 403, 'Forbidden\n');
    let info;
    try {
      info = await stat(file);
      if (info.isDirectory()) {
        if (!url.pathname.endsWith('/')) return send(res, 301, 'Moved\n', { Location: `${url.pathname}/${url.search}` });
        file = join(file, 'index.html');
        info = await stat(file);
      }
    } catch {
      if (url.pathname === '/favicon.ico') return send(res, 204, ''); // keeps the browser console clean
      return send(res, 404, 'Not Found\n');
    }
    if (!info.isFile()) return send(res, 404, 'Not Found\n');

    const type = contentType(file);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(headers?.(url, type) ?? {}),
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
  return tls ? createSecureServer(tls, serve) : createServer(serve);
}

/** Starts a server on 127.0.0.1 (port 0: any free one) and resolves to its origin and a close function. */
export async function listen(server, port = 0) {
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const scheme = typeof server.setSecureContext === 'function' ? 'https' : 'http';
  const origin = `${scheme}://${HOST}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
