import { parseIso } from './time.js';
import type { Policy, Revision } from './types.js';

/**
 * The policy version in effect at `now`: the newest listed revision whose `effective` date has
 * come (the config guarantees newest-first order), or `policy.version` when none has.
 */
export function currentVersion(policy: Policy, now: number): string {
  return (policy.revisions ?? []).find((revision) => (parseIso(revision.effective) ?? Infinity) <= now)?.version ?? policy.version;
}

/**
 * Position of a version in the revisions list: 0 is newest. A version the list does not
 * know sorts as older than every listed one, so a material change is never missed.
 */
export function age(policy: Policy, version: string): number {
  const revisions = policy.revisions ?? [];
  const index = revisions.findIndex((revision) => revision.version === version);
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
