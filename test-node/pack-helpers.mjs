// Shared by pack.test.mjs (the candor package) and cli-pack.test.mjs (candor-cli): run a command,
// pack a package without its lifecycle scripts, and install a tarball into an empty project.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command and returns its standard output; throws (with `status`, `stderr`) when it fails. */
export const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32', timeout: 120_000 });

/** `npm pack --ignore-scripts` of `dir` into `destination`; the JSON listing of the tarball. */
export function pack(dir, destination) {
  return JSON.parse(run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], dir))[0];
}

/** A new empty ES-module project `dir/name` with `packages` installed (the npm registry, cache first). */
export function installInto(dir, name, packages) {
  const project = join(dir, name);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: `candor-${name}-check`, private: true, type: 'module' }));
  run(npm, ['install', ...packages, '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel=error'], project);
  return project;
}
