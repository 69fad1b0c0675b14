#!/usr/bin/env node
// Finds a Chromium or Chrome binary for the browser tests (web-test-runner.config.mjs, scripts/test.mjs).
//
//   import { findChrome } from './find-chrome.mjs';   findChrome() → '/usr/bin/chromium' | null
//   node scripts/find-chrome.mjs --check              prints the path, or ONE line and exit 1 when none is found
//
// Order: $CHROME_PATH (if it exists), the usual install locations, then chromium/chrome on $PATH.
// CANDOR_CHROME_CANDIDATES (paths separated by the platform's path delimiter, ':' on Unix) replaces the
// built-in list and the $PATH search: for testing this script, or for pinning one binary.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NO_CHROME_MESSAGE =
  'No Chromium found: install one (Debian/Ubuntu: sudo apt-get install -y chromium; ' +
  'macOS: brew install --cask chromium) or set CHROME_PATH=/path/to/chrome';

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: every chromium/chrome executable on $PATH, in $PATH order. */
function onPath(env) {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  const found = [];
  for (const name of PATH_NAMES)
    for (const dir of dirs) for (const ext of exts) found.push(join(dir, name + ext));
  return found;
}

/** All candidate paths, best first (existing or not). */
export function chromeCandidates(env = process.env) {
  const list = [];
  if (env.CHROME_PATH) list.push(env.CHROME_PATH);
  if (env.CANDOR_CHROME_CANDIDATES !== undefined) {
    list.push(...env.CANDOR_CHROME_CANDIDATES.split(delimiter).filter(Boolean));
  } else {
    list.push(...KNOWN_PATHS, ...onPath(env));
  }
  return list;
}

/** The path of a usable Chromium/Chrome, or null. */
export function findChrome(env = process.env) {
  return chromeCandidates(env).find(isExecutableFile) ?? null;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const path = findChrome();
  if (!path) {
    console.error(NO_CHROME_MESSAGE);
    process.exit(1);
  }
  if (process.env.CHROME_PATH && path !== process.env.CHROME_PATH)
    console.error(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable file; using ${path}`);
  console.log(path);
}
