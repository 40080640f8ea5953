/**
 * `syncscope publish --assign / --draft --test-user / --promote` and `syncscope assignments`, run
 * in-process against the embedded org.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../runtime/helpers/cli.ts';
import { startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from '../runtime/helpers/scopes.ts';

let h: Harness;
let dir: string;
let technicianFile: string;
let dispatcherFile: string;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  dir = mkdtempSync(join(tmpdir(), 'syncscope-rollout-cli-'));
  technicianFile = join(dir, 'technician.scope.json');
  dispatcherFile = join(dir, 'dispatcher.scope.json');
  writeFileSync(technicianFile, JSON.stringify({ ...energyScope, name: 'Field technician' }, null, 2));
  const { Account, Product2 } = energyScope.objects;
  writeFileSync(
    dispatcherFile,
    JSON.stringify({ ...energyScope, name: 'Dispatcher', objects: { Account, Product2 } }, null, 2),
  );
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const orgFlags = () => ['--org-url', h.org.url, '--token', h.org.token];

describe('syncscope publish with assignments and drafts', () => {
  it('assigns, drafts for test users, promotes, and lists who gets what', async () => {
    const first = await runCli(
      'publish',
      technicianFile,
      '--note',
      'technicians',
      '--assign',
      'profile:Field Technician',
      '--assign',
      'default',
      ...orgFlags(),
    );
    expect(first.err).toEqual([]);
    expect(first.out[0]).toMatch(/^Published "Field technician" version 1 \(ContentVersion 068\w{15}\) to /);
    expect(first.out[1]).toBe('  assigned to: profile:Field Technician, default');

    const dispatch = await runCli(
      'publish',
      dispatcherFile,
      '--note',
      'dispatch',
      '--assign',
      'profile:Dispatcher',
      '--assign',
      'user:Omar.Iyer1@syncscope.example',
      ...orgFlags(),
    );
    expect(dispatch.err).toEqual([]);

    const draft = await runCli(
      'publish',
      technicianFile,
      '--note',
      'try assets',
      '--draft',
      '--test-user',
      'tess.fielding@syncscope.example',
      '--assign',
      'permset:Night Shift',
      ...orgFlags(),
    );
    expect(draft.err).toEqual([]);
    expect(draft.out.slice(1)).toEqual([
      '  test users: tess.fielding@syncscope.example',
      '  assigned on promotion to: permset:Night Shift',
    ]);
    expect(draft.out[0]).toMatch(/^Published "Field technician" draft version 2 /);

    const listed = await runCli('assignments', '--json', ...orgFlags());
    const report = JSON.parse(listed.out.join('\n')) as {
      assignments: { target: string; scopeName: string; versionNumber: number | null }[];
      drafts: { scopeName: string; versionNumber: number; testUsers: string[] }[];
    };
    expect(report.assignments.map((a) => [a.target, a.scopeName, a.versionNumber])).toEqual([
      ['user:omar.iyer1@syncscope.example', 'Dispatcher', 1],
      ['profile:Dispatcher', 'Dispatcher', 1],
      ['profile:Field Technician', 'Field technician', 1],
      ['default', 'Field technician', 1],
    ]);
    expect(report.drafts.map((d) => [d.scopeName, d.versionNumber, d.testUsers])).toEqual([
      ['Field technician', 2, ['tess.fielding@syncscope.example']],
    ]);

    const promoted = await runCli('publish', '--promote', 'Field technician', ...orgFlags());
    expect(promoted.err).toEqual([]);
    expect(promoted.out[0]).toMatch(
      /^Promoted draft 2 of "Field technician": published as version 3 \(ContentVersion 068\w{15}\) to /,
    );
    const text = await runCli('assignments', ...orgFlags());
    expect(text.out.map((line) => line.replace(/ {2}assigned .*$/, ''))).toEqual([
      'user:omar.iyer1@syncscope.example  "Dispatcher" v1  0 users',
      'permset:Night Shift                "Field technician" v3  0 users',
      'profile:Dispatcher                 "Dispatcher" v1  0 users',
      'profile:Field Technician           "Field technician" v3  0 users',
      'default                            "Field technician" v3  1 user',
    ]);
  });

  it('says what is wrong with the flags before reaching the org', async () => {
    const cases: [string[], string][] = [
      [
        ['publish', technicianFile, '--note', 'x', '--draft'],
        'error: --draft needs at least one --test-user <username>: the users whose devices get the draft',
      ],
      [
        ['publish', technicianFile, '--note', 'x', '--test-user', 'a@b.example'],
        'error: --test-user goes with --draft (a published version reaches everyone it is assigned to)',
      ],
      [
        ['publish', technicianFile, '--note', 'x', '--assign', 'team:Ops'],
        'error: --assign: "team:Ops" is not an assignment target: write default, profile:<Profile name>, permset:<Permission set name> or user:<username>',
      ],
      [
        ['publish', technicianFile, '--promote', 'Field technician'],
        'error: --promote publishes a draft that is in the org already: leave out the scope file',
      ],
      [['publish', technicianFile], 'error: --note must say what changed'],
      [
        ['publish', '--promote', 'X', '--version', 'two'],
        'error: --version wants a version number (1, 2, ...), got "two"',
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await runCli(...argv, ...orgFlags());
      expect({ argv, code: result.code, err: result.err.join('\n').trim() }).toEqual({
        argv,
        code: 1,
        err: message,
      });
    }
  });
});
