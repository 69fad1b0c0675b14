#!/usr/bin/env node
// `npm start` (after `npm run build`): serves the repository root at http://127.0.0.1:$PORT (default 8000),
// `/` redirecting to the demo. No dependencies, no transpiling: the demo loads the built dist/ files.
// Pages under /demo/ get a strict Content-Security-Policy, so the demo proves Candor works under one:
// the demo must use no inline <script>, no inline style attribute and no <style> element.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = await realpath(join(dirname(fileURLToPath(import.meta.url)), '..'));
const HOST = '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8000);

const DEMO_CSP =
  "default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

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

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** Maps a URL path to a file inside ROOT, or null if it would leave ROOT (`..`, symlinks, encoded tricks). */
async function locate(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(ROOT, `.${decoded}`);
  if (candidate !== ROOT && !candidate.startsWith(ROOT + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (real !== ROOT && !real.startsWith(ROOT + sep)) return null;
    return real;
  } catch {
    return candidate; // does not exist: a 404, decided by the caller
  }
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (url.pathname === '/') return send(res, 302, 'Found\n', { Location: '/demo/' });

  let file = await locate(url.pathname);
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

  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  if (url.pathname.startsWith('/demo/') && type.startsWith('text/html')) headers['Content-Security-Policy'] = DEMO_CSP;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
});

server.on('error', (err) => {
  console.error(
    err.code === 'EADDRINUSE' ? `Port ${PORT} is in use: try PORT=8001 npm start` : `Server error: ${err.message}`,
  );
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  console.log(`Candor demo: http://${HOST}:${PORT}/demo/`);
});
