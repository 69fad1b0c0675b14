import { parseIso } from './time.js';
import { reaskedSince } from './versions.js';
import type { CandorConfig, Choice, Purpose, SignalName, Signals } from './types.js';

/** The signals that are on now, honoured by the config, and listed by `purpose`. */
export function activeSignals(config: CandorConfig, purpose: Purpose, signals: Signals): SignalName[] {
  return (purpose.signals ?? []).filter((name) => signals[name] && (config.signals?.[name] ?? 'honor') === 'honor');
}

/** Whether `choice` is a denial by Global Privacy Control or Do Not Track (source `gpc` or `dnt`). */
export function bySignal(choice: Choice | undefined): boolean {
  return choice?.source === 'gpc' || choice?.source === 'dnt';
}

/** A stored choice still stands unless a material revision listing its opt-in purpose came after it. */
function stillValid(config: CandorConfig, purpose: Purpose, choice: Choice, now: number): boolean {
  if (purpose.basis !== 'consent' || bySignal(choice)) return true;
  return !reaskedSince(config.policy, parseIso(choice.at) ?? 0, now).has(purpose.id);
}

export interface Resolution {
  /** The effective choice for every configured purpose. */
  choices: Record<string, Choice>;
  /** Consent-basis purposes nobody has decided yet. */
  undecided: string[];
}

/**
 * The effective choice of every purpose (DESIGN "Signals and precedence"):
 * 1. an explicit choice made while every honoured signal now on was on wins;
 * 2. otherwise an honoured signal denies (source `gpc`, else `dnt`);
 * 3. otherwise a stored choice (a stored signal denial included: its absence later never opts back in);
 * 4. otherwise the basis default; with `vouched` false (stored data unknown) nothing but
 *    necessary purposes is granted.
 */
export function resolve(
  config: CandorConfig,
  stored: Readonly<Record<string, Choice>>,
  signals: Signals,
  now: number,
  at: string,
  vouched: boolean,
): Resolution {
  const choices: Record<string, Choice> = {};
  const undecided: string[] = [];
  for (const purpose of config.purposes) {
    const saved = stored[purpose.id];
    const choice = saved && purpose.basis !== 'necessary' && stillValid(config, purpose, saved, now) ? saved : undefined;
    const active = activeSignals(config, purpose, signals);
    const explicit = choice?.source === 'user' || choice?.source === 'host';
    if (choice && explicit && active.every((name) => choice.signals[name])) {
      choices[purpose.id] = choice;
    } else if (active.length > 0) {
      const source = active.includes('gpc') ? 'gpc' : 'dnt';
      choices[purpose.id] = choice?.source === source && !choice.granted
        ? choice
        : { granted: false, source, at, signals: { ...signals } };
    } else if (choice) {
      choices[purpose.id] = choice;
    } else {
      const granted = purpose.basis === 'necessary' || (purpose.basis === 'legitimate-interest' && vouched);
      choices[purpose.id] = { granted, source: 'default', at, signals: { ...signals } };
      if (purpose.basis === 'consent') undecided.push(purpose.id);
    }
  }
  return { choices, undecided };
}
