/**
 * Which published scope a user gets (pure; browser-safe). A scope is assigned to the org default, to
 * profiles, to permission sets and to users; the most specific wins: user > permission set > profile >
 * default. A user in two permission sets assigned different scopes gets the one assigned most recently
 * (the later assignment in the org's order), and the answer names both, so the choice can be explained.
 * Docs: docs/rollout.md.
 */

export type AssignmentTarget =
  | { readonly kind: 'default' }
  | { readonly kind: 'profile'; readonly name: string }
  | { readonly kind: 'permset'; readonly name: string }
  | { readonly kind: 'user'; readonly username: string };

/** One assignment in force: a target and the scope it gets. */
export interface ScopeAssignment {
  readonly target: AssignmentTarget;
  readonly scopeName: string;
  /** Position in the org's order of assignments (CreatedDate, then Id): larger is more recent. */
  readonly order: number;
  /** ISO datetime the assignment was made. */
  readonly assignedAt: string;
  readonly assignedBy: string | null;
}

/** What the org says about the user, read at sign-in (user-facts.ts). */
export interface UserFacts {
  readonly userId: string;
  readonly username: string;
  /** null when the org has no profiles to tell (an embedded org without them). */
  readonly profileName: string | null;
  readonly permissionSets: readonly string[];
}

export interface ScopeResolution {
  readonly scopeName: string;
  /** The assignment that decided. */
  readonly via: ScopeAssignment;
  /** Other permission-set assignments of the user that lost to `via` by being older. */
  readonly outranked: readonly ScopeAssignment[];
}

/** `default`, `profile:Field Technician`, `permset:Dispatch`, `user:tess@example.com`. */
export function formatTarget(target: AssignmentTarget): string {
  switch (target.kind) {
    case 'default':
      return 'default';
    case 'profile':
      return `profile:${target.name}`;
    case 'permset':
      return `permset:${target.name}`;
    case 'user':
      return `user:${target.username}`;
  }
}

/** Reads `default|profile:<Name>|permset:<Name>|user:<username>`; throws a message saying what is wrong. */
export function parseTarget(text: string): AssignmentTarget {
  const trimmed = text.trim();
  if (trimmed === 'default') return { kind: 'default' };
  const colon = trimmed.indexOf(':');
  const kind = colon > 0 ? trimmed.slice(0, colon) : '';
  const name = trimmed.slice(colon + 1).trim();
  if (colon > 0 && name !== '') {
    if (kind === 'profile') return { kind, name };
    if (kind === 'permset') return { kind, name };
    if (kind === 'user') return { kind, username: name.toLowerCase() };
  }
  throw new Error(
    `"${text}" is not an assignment target: write default, profile:<Profile name>, permset:<Permission set name> or user:<username>`,
  );
}

/** Same target? Usernames are case-insensitive, as in Salesforce; profile and permission set names exact. */
export function sameTarget(a: AssignmentTarget, b: AssignmentTarget): boolean {
  return formatTarget(a) === formatTarget(b);
}

/** The latest assignment per target: a later one replaces an earlier one of the same target. */
export function assignmentsInForce(history: readonly ScopeAssignment[]): ScopeAssignment[] {
  const byTarget = new Map<string, ScopeAssignment>();
  for (const assignment of [...history].sort((a, b) => a.order - b.order))
    byTarget.set(formatTarget(assignment.target), assignment);
  return [...byTarget.values()];
}

/** The scope a user gets, or null when nothing (not even a default) is assigned. */
export function resolveScopeFor(
  user: UserFacts,
  assignments: readonly ScopeAssignment[],
): ScopeResolution | null {
  const inForce = assignmentsInForce(assignments);
  const username = user.username.toLowerCase();
  const byUser = inForce.find((a) => a.target.kind === 'user' && a.target.username === username);
  if (byUser) return { scopeName: byUser.scopeName, via: byUser, outranked: [] };
  const byPermset = inForce
    .filter((a) => a.target.kind === 'permset' && user.permissionSets.includes(a.target.name))
    .sort((a, b) => b.order - a.order);
  const [newest, ...older] = byPermset;
  if (newest)
    return {
      scopeName: newest.scopeName,
      via: newest,
      outranked: older.filter((a) => a.scopeName !== newest.scopeName),
    };
  const byProfile = inForce.find(
    (a) => a.target.kind === 'profile' && user.profileName !== null && a.target.name === user.profileName,
  );
  if (byProfile) return { scopeName: byProfile.scopeName, via: byProfile, outranked: [] };
  const byDefault = inForce.find((a) => a.target.kind === 'default');
  return byDefault ? { scopeName: byDefault.scopeName, via: byDefault, outranked: [] } : null;
}

/** One line saying why: `user:tess@x`, or `permset:A (assigned after permset:B)`. */
export function explainResolution(resolution: ScopeResolution): string {
  const via = formatTarget(resolution.via.target);
  if (resolution.outranked.length === 0) return via;
  const others = resolution.outranked.map((a) => `${formatTarget(a.target)} ("${a.scopeName}")`);
  return `${via}, assigned more recently than ${others.join(', ')}`;
}
