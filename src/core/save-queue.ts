import { withTimeout } from './time.js';
import type { ConsentState, SaveStatus } from './types.js';

export interface SaveQueueOptions {
  write: (state: ConsentState) => Promise<void>;
  timeoutMs: number;
  /** First retry delay; doubles up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  onStatus: (status: SaveStatus) => void;
  /** Called on the first failure of a streak (not on every retry). */
  onFailure: (error: unknown) => void;
}

/**
 * Whether storage refused the call itself (`code: "invalid"`, as the Forge and HTTP adapters
 * report a state or scope their server does not accept): asking again would get the same answer.
 */
export const refused = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'invalid';

/**
 * Writes the latest state, one write at a time: a burst of changes while a write is in
 * flight becomes one write of the newest state. A failed write keeps the state and retries
 * with exponential backoff until it succeeds or a newer state replaces it; one that storage
 * {@link refused} is not retried (the next state is written as usual).
 */
export class SaveQueue {
  #options: SaveQueueOptions;
  #next: ConsentState | undefined;
  #running = false;
  #stopped = false;
  #failures = 0;
  /** Bumped by `drop()`: a write started before it must not be retried. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolvers waiting for the outcome of the first attempt that includes their state. */
  #waiting: Array<(saved: boolean) => void> = [];

  constructor(options: SaveQueueOptions) {
    this.#options = options;
  }

  /** Queues `state`; resolves with whether the first write attempt covering it succeeded. */
  push(state: ConsentState): Promise<boolean> {
    this.#next = state;
    this.#options.onStatus('pending');
    const outcome = new Promise<boolean>((resolve) => this.#waiting.push(resolve));
    clearTimeout(this.#timer); // a new state is worth trying at once
    this.#timer = undefined;
    void this.#run();
    return outcome;
  }

  /** Forgets a state not written yet (a newer one arrived from elsewhere). */
  drop(): void {
    this.#generation += 1;
    this.#next = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const waiting = this.#waiting; // their state is never written now
    this.#waiting = [];
    for (const resolve of waiting) resolve(false);
    if (!this.#running) this.#options.onStatus('saved');
  }

  /** No more retries (the owner is destroyed): a write in flight, or queued behind it, still goes. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    while (this.#next !== undefined) {
      const state = this.#next;
      this.#next = undefined;
      const waiting = this.#waiting;
      this.#waiting = [];
      const generation = this.#generation;
      try {
        await withTimeout(Promise.resolve().then(() => this.#options.write(state)), this.#options.timeoutMs, 'storage.save()');
        this.#failures = 0;
        for (const resolve of waiting) resolve(true);
        if (this.#next === undefined) this.#options.onStatus('saved');
      } catch (error) {
        for (const resolve of waiting) resolve(false);
        if (generation !== this.#generation) {
          // Dropped while in flight (a newer state arrived from elsewhere): never retry it.
          if (this.#next === undefined) this.#options.onStatus('saved');
          continue;
        }
        if (this.#failures === 0) this.#options.onFailure(error);
        this.#failures += 1;
        if (this.#next === undefined && !this.#stopped) {
          this.#options.onStatus('failed');
          if (refused(error)) continue; // the same state would be refused again: the next change tries
          const delay = Math.min(this.#options.baseMs * 2 ** (this.#failures - 1), this.#options.maxMs);
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            if (this.#next === undefined) this.#next = state; // the state that failed
            void this.#run();
          }, delay);
        }
      }
    }
    this.#running = false;
  }
}
