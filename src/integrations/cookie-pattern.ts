/** A test for one entry of a purpose's `cookies`: an exact name, or `/regex/flags`. */
export function cookieTest(pattern: string): (name: string) => boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (!regex) return (name) => name === pattern;
  const compiled = new RegExp(regex[1], regex[2].replace('g', '')); // no `g`: test() would keep lastIndex
  return (name) => compiled.test(name);
}
