import type { Consent } from '../core/consent.js';
import { candorPolicy, GATED as SELECTOR } from './trusted-types.js';

/** Scripts already released on this page, so none runs twice (also across Candor instances). */
const released = new WeakSet<Element>();
/** Scripts already warned about for naming an unknown purpose. */
const warned = new WeakSet<Element>();

let trusted: string | undefined;

/** The nonce of the script that loaded Candor (`candor.min.js` passes its own): gated scripts must carry it. `undefined` resets. */
export function trustNonce(nonce: string | undefined): void {
  trusted = nonce;
}

/**
 * The nonce gated scripts must carry before Candor runs them: Candor's own (script tag), else that
 * of the page's first executable nonce'd script (npm builds); "" on a page that uses no nonce.
 * Under `'strict-dynamic'` whatever Candor inserts is trusted, so without this check markup
 * injected into the page would become running script once its purpose is granted.
 */
function pageNonce(): string {
  return trusted ?? document.querySelector<HTMLScriptElement>('script[nonce]:not([type="text/plain"])')?.nonce ?? '';
}

function purposesOf(script: Element): string[] {
  return (script.getAttribute('data-candor-purpose') ?? '').split(/\s+/).filter(Boolean);
}

/** Settles once every gated script released before has run (or failed to load). */
let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs a gated script by creating a new `<script>` (never via innerHTML): every attribute is
 * copied except the gating ones, the nonce comes from the `.nonce` property (the attribute
 * is hidden once the page has loaded), and `src`/text go through the `candor` Trusted Types policy.
 * Scripts run one after another in the order released (document order), as classic scripts
 * would, so a library runs before the inline code that uses it; a gated script with `async`
 * runs as soon as it has loaded instead.
 */
function release(original: HTMLScriptElement): void {
  released.add(original);
  original.setAttribute('data-candor-released', '');
  const script = document.createElement('script');
  for (const { name, value } of original.attributes) {
    if (name === 'type' || name === 'src' || name === 'nonce' || name.startsWith('data-candor-')) continue;
    script.setAttribute(name, value);
  }
  const type = original.getAttribute('data-candor-type');
  if (type) script.type = type;
  if (original.nonce) script.nonce = original.nonce;
  const policy = candorPolicy();
  const src = original.getAttribute('src');
  if (src) script.src = policy.createScriptURL(src, original);
  else script.text = policy.createScript(original.text, original);
  if (src && original.hasAttribute('async')) return original.after(script); // the owner asked for no order
  script.async = false;
  previous = previous.then(
    () =>
      new Promise((ran) => {
        if (src && original.isConnected) {
          script.addEventListener('load', ran);
          script.addEventListener('error', ran);
        } else ran(undefined);
        original.after(script); // inline: runs now
      }),
  );
}

/**
 * Releases `<script type="text/plain" data-candor-purpose="…">` once every purpose it names
 * is granted — on this page load or later, for scripts in the page at boot and added after.
 * Revoking never runs a script again; owners clean up on `candor-change`.
 */
export function gateScripts(consent: Consent, root: ParentNode = document): () => void {
  const scan = (): void => {
    for (const script of root.querySelectorAll<HTMLScriptElement>(SELECTOR)) {
      if (released.has(script) || script.hasAttribute('data-candor-released')) continue;
      const purposes = purposesOf(script);
      const unknown = purposes.filter((id) => !(id in consent.state.choices));
      if (unknown.length && !warned.has(script)) {
        warned.add(script); // a typo in data-candor-purpose: said once, as the script can never run
        console.warn(`[candor] unknown data-candor-purpose ${unknown.join()}: never run`, script);
      }
      if (purposes.length === 0 || !purposes.every((id) => consent.granted(id))) continue;
      const nonce = pageNonce();
      if (nonce && script.nonce !== nonce) {
        released.add(script); // refused once, for good
        console.warn('[candor] gated script without the page nonce: not run', script);
        continue;
      }
      release(script);
    }
  };
  const observer = new MutationObserver((mutations) => {
    if (mutations.some((mutation) => Array.from(mutation.addedNodes).some((node) => node instanceof Element && (node.matches(SELECTOR) || node.querySelector(SELECTOR))))) scan();
  });
  observer.observe(root, { childList: true, subtree: true });
  const stop = consent.subscribe(scan);
  void consent.ready.then(scan);
  return () => {
    observer.disconnect();
    stop();
  };
}
