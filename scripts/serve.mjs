#!/usr/bin/env node
// `npm start` (after `npm run build`): serves the repository root at http://127.0.0.1:$PORT (default 8000),
// `/` redirecting to the demo. No dependencies, no transpiling: the demo loads the built dist/ files.
// Pages under /demo/ get a strict Content-Security-Policy, so the demo proves Candor works under one:
// the demo must use no inline <script>, no inline style attribute and no <style> element.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST, createStaticServer } from './lib/static-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.PORT ?? 8000);

const DEMO_CSP =
  "default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

const server = createStaticServer({
  root: ROOT,
  index: '/demo/',
  headers: (url, type) =>
    url.pathname.startsWith('/demo/') && type.startsWith('text/html') ? { 'Content-Security-Policy': DEMO_CSP } : undefined,
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
