// `candor/react`: React components for Candor's elements (made with @lit/react's `createComponent`)
// and the `useConsent(id)` hook. Importing this module registers the elements and the built-in
// locales, like `candor/define`. React (18 or 19) is an optional peer dependency of `candor`: only
// this entry imports it, and no other build includes it.
//
// Server rendering may import this module in Node: the elements' modules load without a DOM,
// the components render their tags, and the elements start in the browser.
//
// <candor-policy> has no component here: it brings the Markdown renderer, the sanitiser and the diff
// (`candor/policy`), which this entry must not pull in. Wrap it yourself where a page shows the policy:
//   createComponent({ react: React, tagName: 'candor-policy', elementClass: CandorPolicyElement })
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '../define.js';
import { CandorBannerElement } from '../elements/candor-banner.js';
import { CandorChangeNoticeElement } from '../elements/candor-change-notice.js';
import {
  CandorConsentElement,
  type CandorAcknowledgeEvent,
  type CandorChangeEvent,
  type CandorErrorEvent,
  type CandorReadyEvent,
} from '../elements/candor-consent.js';
import { CandorGateElement } from '../elements/candor-gate.js';
import { CandorPreferencesElement } from '../elements/candor-preferences.js';
import { CandorSignalStatusElement } from '../elements/candor-signal-status.js';

export type { CandorAcknowledgeEvent, CandorChangeEvent, CandorErrorEvent, CandorReadyEvent };
export type { CandorAcknowledgeDetail } from '../elements/candor-consent.js';
export type {
  CandorBannerElement,
  CandorChangeNoticeElement,
  CandorConsentElement,
  CandorGateElement,
  CandorPreferencesElement,
  CandorSignalStatusElement,
};

/**
 * The events of `<candor-consent>` as React props. Only `<candor-consent>` fires them (they bubble
 * to `window` from there), so only `CandorConsent` has these props.
 */
const consentEvents = {
  onCandorReady: 'candor-ready' as EventName<CandorReadyEvent>,
  onCandorChange: 'candor-change' as EventName<CandorChangeEvent>,
  onCandorError: 'candor-error' as EventName<CandorErrorEvent>,
  onCandorAcknowledge: 'candor-acknowledge' as EventName<CandorAcknowledgeEvent>,
};

/**
 * `<candor-consent>`: the root. Props: `src`, `config`, `storage`, `signals`, `host`, `navigate`,
 * `theme`, and `onCandorReady`, `onCandorChange`, `onCandorError`, `onCandorAcknowledge`.
 */
export const CandorConsent = createComponent({
  react: React,
  tagName: 'candor-consent',
  elementClass: CandorConsentElement,
  events: consentEvents,
  displayName: 'CandorConsent',
});

/** `<candor-banner>`: the first layer (Accept all, Reject all, Choose). */
export const CandorBanner = createComponent({
  react: React,
  tagName: 'candor-banner',
  elementClass: CandorBannerElement,
  displayName: 'CandorBanner',
});

/** `<candor-preferences>`: the preference centre (modal, or `inline`). */
export const CandorPreferences = createComponent({
  react: React,
  tagName: 'candor-preferences',
  elementClass: CandorPreferencesElement,
  displayName: 'CandorPreferences',
});

/** `<candor-gate>`: content that waits for a purpose. */
export const CandorGate = createComponent({
  react: React,
  tagName: 'candor-gate',
  elementClass: CandorGateElement,
  displayName: 'CandorGate',
});

/** `<candor-signal-status>`: which browser privacy signal was honoured. */
export const CandorSignalStatus = createComponent({
  react: React,
  tagName: 'candor-signal-status',
  elementClass: CandorSignalStatusElement,
  displayName: 'CandorSignalStatus',
});

/** `<candor-change-notice>`: a material policy change since the last acknowledgement. */
export const CandorChangeNotice = createComponent({
  react: React,
  tagName: 'candor-change-notice',
  elementClass: CandorChangeNoticeElement,
  displayName: 'CandorChangeNotice',
});

/** Which `<candor-consent>` the hook reads: a ref to it, or (default) the first one in the document. */
export interface UseConsentOptions {
  root?: React.RefObject<CandorConsentElement | null>;
}

const CHANGE_EVENTS = ['candor-ready', 'candor-change', 'candor-error'] as const;

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  for (const type of CHANGE_EVENTS) window.addEventListener(type, onChange);
  return () => {
    for (const type of CHANGE_EVENTS) window.removeEventListener(type, onChange);
  };
}

/**
 * Whether purpose `id` is granted now, re-rendering when that changes. Reads the `<candor-consent>`
 * in `options.root`, else the first one in the document; false until one is ready (and during server
 * rendering). Listens for `candor-ready`, `candor-change` and `candor-error` on `window`, where
 * `<candor-consent>`'s events arrive.
 */
export function useConsent(id: string, options: UseConsentOptions = {}): boolean {
  const { root } = options;
  const getSnapshot = React.useCallback((): boolean => {
    if (typeof document === 'undefined') return false;
    const element = root?.current ?? document.querySelector('candor-consent');
    return element?.consent?.granted(id) ?? false;
  }, [id, root]);
  return React.useSyncExternalStore(subscribe, getSnapshot, () => false);
}
