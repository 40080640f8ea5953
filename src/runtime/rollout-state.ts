/**
 * The org's rollout state, read with one query (browser-safe): every version of every published scope
 * (ContentVersions titled `syncscope:<name>`) and every assignment and test-user grant (ContentVersions of
 * the file `syncscope-assignments`, one per grant, its `Description` saying
 * `assign | <target> | <ContentVersion Id>` or `test | user:<username> | <ContentVersion Id of a draft>`).
 *
 * Grants are appended, never rewritten, so two admins who assign at once both keep their grant (the later
 * one in the org's order wins for the same target), and the history says who assigned what when. A grant
 * names the version it was made with, so assignments are versioned with the scopes. Docs: docs/rollout.md.
 */

import {
  numberVersions,
  queryRows,
  TITLE_PREFIX,
  toPublishedVersion,
  VERSION_FIELDS,
  type ContentVersionRow,
  type PlanStore,
  type PublishedVersion,
} from './published-plan-source.ts';
import {
  explainResolution,
  parseTarget,
  resolveScopeFor,
  type AssignmentTarget,
  type ScopeAssignment,
  type UserFacts,
} from './scope-assignment.ts';

/** Title of the file whose versions are the assignment and test-user grants. */
export const ASSIGNMENTS_TITLE = 'syncscope-assignments';

/** The one query that reads the whole rollout state: versions and grants, oldest first. */
export const ROLLOUT_SOQL = `SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE Title LIKE 'syncscope%' ORDER BY CreatedDate ASC, Id ASC`;

export type GrantKind = 'assign' | 'test';

/** `assign | profile:Field Technician | 068...` */
export function describeGrant(kind: GrantKind, target: AssignmentTarget | string, versionId: string): string {
  const text = typeof target === 'string' ? target : formatTargetText(target);
  return `${kind} | ${text} | ${versionId}`;
}

function formatTargetText(target: AssignmentTarget): string {
  if (target.kind === 'default') return 'default';
  return target.kind === 'user' ? `user:${target.username}` : `${target.kind}:${target.name}`;
}

const GRANT = /^(assign|test) \| ([\s\S]+) \| ([A-Za-z0-9]{15,18})$/;

export interface RolloutState {
  /** Per scope name, its versions oldest first, numbered. */
  readonly versions: ReadonlyMap<string, readonly PublishedVersion[]>;
  /** Every assignment ever made, oldest first (`assignmentsInForce` keeps the latest per target). */
  readonly assignments: readonly ScopeAssignment[];
  /** Per draft ContentVersion Id, the usernames (lower case) that test it. */
  readonly testUsers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Builds the state from the rows of ROLLOUT_SOQL (in its order). */
export function readRolloutState(rows: readonly ContentVersionRow[]): RolloutState {
  const versionsByScope = new Map<string, PublishedVersion[]>();
  const byId = new Map<string, PublishedVersion>();
  for (const row of rows) {
    if (!row.Title.startsWith(TITLE_PREFIX)) continue;
    const scopeName = row.Title.slice(TITLE_PREFIX.length);
    const version = toPublishedVersion(row, scopeName);
    if (!version) continue;
    const list = versionsByScope.get(scopeName) ?? [];
    list.push(version);
    versionsByScope.set(scopeName, list);
  }
  const versions = new Map<string, PublishedVersion[]>();
  for (const [scopeName, list] of versionsByScope) {
    const numbered = numberVersions(list);
    versions.set(scopeName, numbered);
    for (const v of numbered) byId.set(sameIdKey(v.versionId), v);
  }
  const assignments: ScopeAssignment[] = [];
  const testUsers = new Map<string, Set<string>>();
  rows.forEach((row, order) => {
    if (row.Title !== ASSIGNMENTS_TITLE) return;
    const match = GRANT.exec(row.Description ?? '');
    if (!match) return;
    const version = byId.get(sameIdKey(match[3]!));
    if (!version) return; // a grant of a version that is gone: nothing to give
    let target: AssignmentTarget;
    try {
      target = parseTarget(match[2]!);
    } catch {
      return; // not ours
    }
    if (match[1] === 'assign') {
      assignments.push({
        target,
        scopeName: version.scopeName,
        order,
        assignedAt: row.CreatedDate,
        assignedBy: row.CreatedBy?.Name ?? null,
      });
    } else if (target.kind === 'user' && version.draft) {
      const users = testUsers.get(version.versionId) ?? new Set<string>();
      users.add(target.username);
      testUsers.set(version.versionId, users);
    }
  });
  return { versions, assignments, testUsers };
}

/** 15- and 18-character Ids of one record compare equal. */
function sameIdKey(id: string): string {
  return id.slice(0, 15);
}

/** The one query: the org's whole rollout state. */
export async function fetchRolloutState(store: PlanStore): Promise<RolloutState> {
  return readRolloutState(await queryRows<ContentVersionRow>(store, ROLLOUT_SOQL));
}

/** The newest published (not draft) version of a scope. */
export function latestPublished(state: RolloutState, scopeName: string): PublishedVersion | undefined {
  return [...(state.versions.get(scopeName) ?? [])].reverse().find((v) => !v.draft);
}

export type VersionChoice =
  | { readonly version: PublishedVersion; readonly reason: string }
  | { readonly version: null; readonly problem: string };

/**
 * The version a user's device runs. A test user of a draft newer than its scope's published version runs
 * that draft (the newest such, whatever scope the user is otherwise assigned: testing it is why they were
 * named); everyone else runs the latest published version of the scope `resolveScopeFor` gives them.
 */
export function chooseVersionFor(state: RolloutState, user: UserFacts): VersionChoice {
  const username = user.username.toLowerCase();
  const drafts: PublishedVersion[] = [];
  for (const [versionId, users] of state.testUsers) {
    if (!users.has(username)) continue;
    const draft = [...state.versions.values()].flat().find((v) => v.versionId === versionId);
    if (!draft) continue;
    const published = latestPublished(state, draft.scopeName);
    if (!published || published.versionNumber < draft.versionNumber) drafts.push(draft);
  }
  // Newest first by the org's order (CreatedDate, then Id), as version numbers are.
  const newestDraft = drafts.sort(
    (a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.versionId.localeCompare(a.versionId),
  )[0];
  if (newestDraft)
    return {
      version: newestDraft,
      reason: `test user of draft v${newestDraft.versionNumber} of "${newestDraft.scopeName}"`,
    };
  const resolution = resolveScopeFor(user, state.assignments);
  if (!resolution)
    return {
      version: null,
      problem: `no scope is assigned to ${user.username}, their profile or permission sets, and there is no default: assign one with \`syncscope publish <scope.json> --assign user:${user.username}\` (or --assign default)`,
    };
  const version = latestPublished(state, resolution.scopeName);
  if (!version)
    return {
      version: null,
      problem: `"${resolution.scopeName}" is assigned to ${user.username} (${explainResolution(resolution)}) but has no published version yet: promote its draft with \`syncscope publish --promote "${resolution.scopeName}"\``,
    };
  return {
    version,
    reason: `"${resolution.scopeName}" v${version.versionNumber} via ${explainResolution(resolution)}`,
  };
}
