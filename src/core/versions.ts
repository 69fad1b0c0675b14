import { parseIso } from './time.js';
import type { Policy, Revision } from './types.js';

/** Where the policy stands at one moment. */
export interface PolicyTimeline {
  /** The newest revision in effect (or `policy.version` when none is listed or none is in effect yet). */
  current: string;
  /** A material revision announced (`noticeFrom` ≤ now) but not yet in effect. */
  upcoming: Revision | undefined;
}

/** Revisions in effect at `now`, newest first (the config guarantees the order). */
function inEffect(policy: Policy, now: number): Revision[] {
  return (policy.revisions ?? []).filter((revision) => (parseIso(revision.effective) ?? Infinity) <= now);
}

export function timeline(policy: Policy, now: number): PolicyTimeline {
  const current = inEffect(policy, now)[0]?.version ?? policy.version;
  const upcoming = (policy.revisions ?? []).find((revision) => {
    const effective = parseIso(revision.effective) ?? -Infinity;
    const noticeFrom = parseIso(revision.noticeFrom);
    return revision.material === true && effective > now && noticeFrom !== undefined && noticeFrom <= now;
  });
  return { current, upcoming };
}

/**
 * Position of a version in the revisions list: 0 is newest. A version the list does not
 * know sorts as older than every listed one, so a material change is never missed.
 */
export function age(policy: Policy, version: string | null): number {
  const revisions = policy.revisions ?? [];
  const index = version === null ? -1 : revisions.findIndex((revision) => revision.version === version);
  return index === -1 ? revisions.length : index;
}

/** The newer (by list position) of two versions. */
export function newer(policy: Policy, a: string | null, b: string): string {
  return a !== null && age(policy, a) <= age(policy, b) ? a : b;
}

/**
 * Every material revision the person has not acknowledged yet and should be told about:
 * those in effect or announced (`noticeFrom` ≤ now), newer than `acknowledged`, newest first.
 * Empty on a first visit (`acknowledged === null`): the first decision acknowledges the current version.
 */
export function pendingNotices(policy: Policy, acknowledged: string | null, now: number): Revision[] {
  if (acknowledged === null) return [];
  const known = age(policy, acknowledged);
  return (policy.revisions ?? []).filter((revision, index) => {
    if (index >= known || revision.material !== true) return false;
    const effective = parseIso(revision.effective) ?? Infinity;
    const noticeFrom = parseIso(revision.noticeFrom) ?? effective;
    return Math.min(effective, noticeFrom) <= now;
  });
}

/** The newest of {@link pendingNotices}: the material revision to tell the person about. */
export function pendingNotice(policy: Policy, acknowledged: string | null, now: number): Revision | undefined {
  return pendingNotices(policy, acknowledged, now)[0];
}

/**
 * Purposes whose opt-in choices made before `at` are void: those listed by a material
 * revision that took effect after the choice was made.
 */
export function reaskedSince(policy: Policy, choiceAt: number, now: number): Set<string> {
  const ids = new Set<string>();
  for (const revision of policy.revisions ?? []) {
    const effective = parseIso(revision.effective);
    if (revision.material !== true || effective === undefined || effective > now || effective <= choiceAt) continue;
    for (const id of revision.purposes ?? []) ids.add(id);
  }
  return ids;
}
