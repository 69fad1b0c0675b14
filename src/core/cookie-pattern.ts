/**
 * An entry of a purpose's `cookies`: an exact name, or `/regex/flags`. One reading of it for the
 * config check, the clean-up on revoke and the storage inventory.
 */

/** The source and flags of a `/regex/flags` entry; `undefined` for an exact name. */
export function cookiePattern(entry: string): [source: string, flags: string] | undefined {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
  return regex ? [regex[1]!, regex[2]!] : undefined;
}

/** A test for one entry: an exact name, or `/regex/flags`. */
export function cookieTest(entry: string): (name: string) => boolean {
  const pattern = cookiePattern(entry);
  if (!pattern) return (name) => name === entry;
  const compiled = new RegExp(pattern[0], pattern[1].replace('g', '')); // no `g`: test() would keep lastIndex
  return (name) => compiled.test(name);
}
