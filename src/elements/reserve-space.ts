/**
 * Keeps page content out from under a fixed banner (WCAG 2.2 SC 2.4.11): the document gets as
 * much extra room at its end (or start, for a notice fixed to the top), and as much scroll
 * padding, as the banner covers, so a focused element is never hidden behind it. Uses a
 * constructed stylesheet (CSP-safe).
 */
const reserved = { top: new Map<Element, number>(), bottom: new Map<Element, number>() };
let sheet: CSSStyleSheet | undefined;

function apply(): void {
  const top = Math.ceil(Math.max(0, ...reserved.top.values()));
  const bottom = Math.ceil(Math.max(0, ...reserved.bottom.values()));
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(
    (bottom > 0 ? `html{scroll-padding-bottom:${bottom}px}body::after{content:"";display:block;height:${bottom}px}` : '') +
      (top > 0 ? `html{scroll-padding-top:${top}px}body::before{content:"";display:block;height:${top}px}` : ''),
  );
}

/**
 * Reserves room for `element` while it is shown, at the bottom of the viewport (default) or the
 * top; call the returned function when it goes.
 */
export function reserveSpace(element: Element, edge: 'top' | 'bottom' = 'bottom'): () => void {
  const heights = reserved[edge];
  const host = element.getRootNode() instanceof ShadowRoot ? (element.getRootNode() as ShadowRoot).host : element;
  // What the element covers at that edge of the viewport: its height plus any offset from the edge;
  // nothing while it is in the page's flow (a small screen can make the element static).
  const measure = (): void => {
    const box = element.getBoundingClientRect();
    const fixed = getComputedStyle(host).position === 'fixed';
    heights.set(element, fixed ? (edge === 'top' ? box.bottom : window.innerHeight - box.top) : 0);
    apply();
  };
  const observer = new ResizeObserver(measure);
  observer.observe(element);
  addEventListener('resize', measure);
  measure();
  return () => {
    observer.disconnect();
    removeEventListener('resize', measure);
    heights.delete(element);
    apply();
  };
}
