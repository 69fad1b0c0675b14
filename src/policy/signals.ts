import { activeSignals } from '../core/resolve.js';
import { SIGNAL_NAMES, type CandorConfig, type Purpose, type SignalName } from '../core/types.js';

/** What the site does with one browser signal, derived from the config by the core's own rule. */
export interface SignalStatement {
  signal: SignalName;
  /** The purposes this signal alone opts out of when it is on (empty: the site does not act on it). */
  purposes: Purpose[];
  /** `signals[signal]` in the config (`"honor"` by default). */
  mode: 'honor' | 'ignore';
}

/**
 * For each signal: the purposes the core denies when only that signal is on
 * (`activeSignals` from src/core/resolve.ts, the function `resolve` uses), so the generated
 * policy text cannot disagree with what the code does.
 */
export function signalStatements(config: CandorConfig): SignalStatement[] {
  return SIGNAL_NAMES.map((signal) => {
    const on = { gpc: signal === 'gpc', dnt: signal === 'dnt' };
    return {
      signal,
      mode: config.signals?.[signal] === 'ignore' ? 'ignore' : 'honor',
      purposes: config.purposes.filter((purpose) => activeSignals(config, purpose, on).includes(signal)),
    };
  });
}
