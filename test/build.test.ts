// Smoke test of the BUILT files (run `npm run build` first; `npm test` does). Element behaviour is tested
// against src/ elsewhere; this only proves the outputs load in a browser the way users load them.
import { expect } from '@open-wc/testing';

// In variables so TypeScript does not try to resolve them: they exist only after the build.
const INDEX = '/dist/index.js';
const SCRIPT = '/dist/candor.min.js';

/** Adds a classic <script src> and resolves with the event it fired plus any error it threw. */
function loadClassicScript(src: string): Promise<{ event: string; errors: unknown[] }> {
  return new Promise((resolve) => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      if (e.filename?.includes(src)) {
        errors.push(e.error ?? e.message);
        e.preventDefault();
      }
    };
    window.addEventListener('error', onError);
    const script = document.createElement('script');
    script.src = src;
    const done = (event: Event) => {
      window.removeEventListener('error', onError);
      resolve({ event: event.type, errors });
    };
    script.addEventListener('load', done);
    script.addEventListener('error', done);
    document.head.append(script);
  });
}

describe('built files (dist/)', () => {
  it('dist/index.js loads as an ES module (bare lit imports resolved)', async () => {
    const mod: object = await import(INDEX);
    // Never hand a module namespace to chai: a failing assertion on one hangs web-test-runner (it cannot
    // serialise the value) until testsFinishTimeout. Assert on plain values derived from it.
    expect(Object.prototype.toString.call(mod)).to.equal('[object Module]');
  });

  it('dist/candor.min.js runs as a classic script without throwing', async () => {
    const { event, errors } = await loadClassicScript(SCRIPT);
    expect(event, 'the script element fired').to.equal('load');
    expect(errors.map(String), 'errors thrown by the script').to.deep.equal([]);
  });
});
