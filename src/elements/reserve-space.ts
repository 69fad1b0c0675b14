/**
 * Keeps page content out from under a fixed bottom banner (WCAG 2.2 SC 2.4.11): the document
 * gets as much extra room at its end, and as much scroll padding, as the banner is tall, so a
 * focused element is never hidden behind it. Uses a constructed stylesheet (CSP-safe).
 */
const heights = new Map<Element, number>();
let sheet: CSSStyleSheet | undefined;

function apply(): void {
  const height = Math.ceil(Math.max(0, ...heights.values()));
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(
    height > 0 ? `html{scroll-padding-bottom:${height}px}body::after{content:"";display:block;height:${height}px}` : '',
  );
}

/** Reserves room for `element` while it is shown; call the returned function when it goes. */
export function reserveSpace(element: Element): () => void {
  // What the element covers at the bottom of the viewport: its height plus any offset below it.
  const measure = (): void => {
    heights.set(element, window.innerHeight - element.getBoundingClientRect().top);
    apply();
  };
  const observer = new ResizeObserver(measure);
  observer.observe(element);
  measure();
  return () => {
    observer.disconnect();
    heights.delete(element);
    apply();
  };
}
