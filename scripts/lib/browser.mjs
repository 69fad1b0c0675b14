// Launches the machine's Chromium through playwright-core (which never downloads a browser), for the
// end-to-end suite and the benchmark. Exits with one clear line when no Chromium is found.
import { chromium } from 'playwright-core';
import { NO_CHROME_MESSAGE, findChrome } from '../find-chrome.mjs';

/** @param {import('playwright-core').LaunchOptions} [options] */
export async function launchChromium(options = {}) {
  const executablePath = findChrome();
  if (!executablePath) {
    console.error(NO_CHROME_MESSAGE);
    process.exit(1);
  }
  return chromium.launch({ executablePath, headless: true, ...options });
}
