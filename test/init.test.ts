import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { UsageError } from '../scripts/core/errors.js';
import { actionRef } from '../scripts/core/init/action-ref.js';
import { pinWorkflow } from '../scripts/core/init/pin-workflow.js';
import { ROOT, runCliCapturing as run } from './helpers/run-cli.js';
import { actionlint, securityProblems } from './helpers/workflow-security.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const AT = '2026-11-28T10:00:00Z';

const emptyFolder = () => mkdtempSync(join(tmpdir(), 'incidents-init-'));
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

const init = suite('incidents init');

init('an empty folder becomes a repository that validates clean and builds an all-operational page', async () => {
  const dir = emptyFolder();
  const made = await run(['init', '--approver', '@alice', '--approver', '@bob', '--ref', SHA], { cwd: dir });
  assert.is(made.code, 0, made.stderr);
  assert.equal(filesUnder(dir), [
    '.github/CODEOWNERS',
    '.github/ISSUE_TEMPLATE/report-an-incident.yml',
    '.github/workflows/incident-pr.yml',
    '.github/workflows/intake.yml',
    '.github/workflows/sla.yml',
    '.github/workflows/status-page.yml',
    '.github/workflows/validate.yml',
    '.gitignore',
    'incidents.config.yml',
    'incidents/.gitkeep',
    'known-errors/.gitkeep',
    'problems/.gitkeep',
    'schemas/common.schema.json',
    'schemas/config.schema.json',
    'schemas/incident.schema.json',
    'schemas/known-error.schema.json',
    'schemas/postmortem.schema.json',
    'schemas/problem.schema.json',
  ]);
  assert.is(made.stderr, '', 'no placeholder left, the ref is a commit');
  for (const path of filesUnder(dir)) assert.ok(made.stdout.includes(`  ${path}\n`), `${path} is listed`);

  const validated = await run(['validate', '--root', dir]);
  assert.is(validated.code, 0, validated.stdout);
  assert.is(validated.stderr, '0 records valid.\n');
  const built = await run(['build', '--root', dir, '--at', AT]);
  assert.is(built.code, 0, built.stderr);
  assert.match(read(dir, 'site/index.html'), /All Systems Operational/);
  assert.is(JSON.parse(read(dir, 'site/api/v2/status.json')).status.indicator, 'none');
});

init('the config names the approvers; CODEOWNERS guards the workflows, config and schemas with them', async () => {
  const dir = emptyFolder();
  await run(['init', '--approver', '@alice', '--approver', '@bob'], { cwd: dir });
  const config = parse(read(dir, 'incidents.config.yml'));
  assert.equal(config.approvers.default, ['@alice', '@bob']);
  assert.equal(
    read(dir, '.github/CODEOWNERS')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
    ['/.github/ @alice @bob', '/incidents.config.yml @alice @bob', '/schemas/ @alice @bob'],
  );
});

init("the editor association resolves: the config's $schema names the config schema in the new repository", async () => {
  const dir = emptyFolder();
  await run(['init'], { cwd: dir });
  const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(read(dir, 'incidents.config.yml'));
  assert.ok(modeline, 'a modeline');
  const schema = JSON.parse(read(dir, modeline[1]!));
  assert.is(schema.$id, 'https://incidents-as-code.dev/schemas/config.schema.json');
  for (const [, file] of JSON.stringify(schema).matchAll(/"\$ref":"([a-z-]+\.schema\.json)#/g))
    assert.ok(lstatSync(join(dir, 'schemas', file!)).isFile(), `${file} is there too`);
});

init('the issue form offers exactly the config services, impact and urgency, and is plain YAML', async () => {
  const dir = emptyFolder();
  await run(['init'], { cwd: dir });
  const text = read(dir, '.github/ISSUE_TEMPLATE/report-an-incident.yml');
  assert.not.match(text, /[&*]a\d/, 'no anchors or aliases');
  const form = parse(text);
  const config = parse(read(dir, 'incidents.config.yml'));
  const field = (id: string) => form.body.find((item: { id?: string }) => item.id === id);
  assert.equal(
    field('service').attributes.options,
    config.services.map((service: { id: string; name: string }) => `${service.name} (${service.id})`),
  );
  assert.equal(field('impact').attributes.options, ['high', 'medium', 'low']);
  assert.equal(field('urgency').attributes.options, ['high', 'medium', 'low']);
  assert.is(field('what_is_happening').type, 'textarea');
  for (const id of ['service', 'impact', 'urgency', 'what_is_happening']) assert.is(field(id).validations.required, true, id);
});

init('the workflows run the Action pinned at the ref, pass the security check and actionlint', async () => {
  const dir = emptyFolder();
  await run(['init', '--ref', SHA, '--action-repo', 'acme/incidents-toolkit'], { cwd: dir });
  const names = readdirSync(join(dir, '.github/workflows'));
  assert.equal(names.sort(), ['incident-pr.yml', 'intake.yml', 'sla.yml', 'status-page.yml', 'validate.yml']);
  for (const name of names) {
    const text = read(dir, `.github/workflows/${name}`);
    assert.not.match(text, /^\s*(- )?uses: \.\//m, `${name} has no local action left`);
    assert.match(text, new RegExp(`uses: acme/incidents-toolkit@${SHA} `));
    assert.equal(securityProblems(text), [], name);
    assert.equal(await actionlint(text, `.github/workflows/${name}`), [], name);
  }
});

init('a tag and no approvers still make a valid repository, with a warning for each', async () => {
  const dir = emptyFolder();
  const made = await run(['init'], { cwd: dir });
  assert.is(made.code, 0);
  assert.match(made.stderr, /Approvers and code owners are @your-org\/approvers, a placeholder that never approves: name people/);
  assert.match(made.stderr, /incidents-as-code\/incidents-as-code@v\d+\.\d+\.\d+: a tag or branch, which may not exist .* Pin a full commit SHA with --ref/);
  const validated = await run(['validate', '--root', dir]);
  assert.is(validated.code, 0, 'warnings only');
  assert.match(validated.stdout, /^incidents\.config\.yml:\d+:\d+: warning: @your-org\/approvers is a team, and a team never approves/m);

  const again = await run(['init'], { cwd: dir });
  assert.is(again.code, 0);
  assert.is(again.stderr, '', 'nothing written, so nothing to warn about');
});

init('a config already there is kept: the issue form offers its services, and the options it did not take are named', async () => {
  const dir = emptyFolder();
  const own = read(ROOT, 'test/fixtures/validate/base.config.yml');
  writeFileSync(join(dir, 'incidents.config.yml'), own);
  const made = await run(['init', '--name', 'Other', '--approver', '@carol', '--ref', SHA], { cwd: dir });
  assert.is(made.code, 0, made.stderr);
  assert.is(read(dir, 'incidents.config.yml'), own);
  assert.match(made.stderr, /incidents\.config\.yml was there and is kept as it is: --name, --approver went into no config\./);
  const services = parse(own).services.map((service: { id: string; name: string }) => `${service.name} (${service.id})`);
  assert.equal(parse(read(dir, '.github/ISSUE_TEMPLATE/report-an-incident.yml')).body[1].attributes.options, services);
});

init('a branch other than main is named, since the workflows publish from main', async () => {
  const dir = emptyFolder();
  execFileSync('git', ['init', '-q', '-b', 'master'], { cwd: dir });
  const made = await run(['init', '--approver', '@alice', '--ref', SHA], { cwd: dir });
  assert.is(made.code, 0);
  assert.is(
    made.stderr,
    'This repository is on master; the workflows publish and validate pushes on main: rename it (git branch -m main) or edit branches: in .github/workflows.\n',
  );
});

init('the page name and address are written as values, whatever they hold', async () => {
  const dir = emptyFolder();
  const name = 'Acme "Status" # 1 $& $$ $\' services: []';
  const url = 'https://acme.github.io/status/$$/$&';
  const made = await run(['init', '--name', name, '--url', url], { cwd: dir });
  assert.is(made.code, 0, made.stderr);
  const config = parse(read(dir, 'incidents.config.yml'));
  assert.equal(config.page, { name, url, time_zone: 'UTC' });
  assert.is(config.services.length, 2);
  assert.is((await run(['validate', '--root', dir])).code, 0);
});

init('DIR is made when it does not exist', async () => {
  const parent = emptyFolder();
  const made = await run(['init', 'team/incidents'], { cwd: parent });
  assert.is(made.code, 0, made.stderr);
  assert.ok(lstatSync(join(parent, 'team/incidents/incidents.config.yml')).isFile());
});

init('never overwrites: files already there are kept byte for byte and listed; a second init writes nothing', async () => {
  const dir = emptyFolder();
  writeFileSync(join(dir, 'incidents.config.yml'), 'page: {name: Mine}\n');
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/CODEOWNERS'), '* @me\n');
  const first = await run(['init'], { cwd: dir });
  assert.is(first.code, 0, first.stderr);
  assert.is(read(dir, 'incidents.config.yml'), 'page: {name: Mine}\n');
  assert.is(read(dir, '.github/CODEOWNERS'), '* @me\n');
  assert.match(first.stdout, /Kept 2 files that were there, unchanged:\n {2}incidents\.config\.yml\n {2}\.github\/CODEOWNERS\n/);

  const before = filesUnder(dir).map((path) => [path, read(dir, path)]);
  const second = await run(['init'], { cwd: dir });
  assert.is(second.code, 0);
  assert.match(second.stdout, /^Wrote 0 files/);
  assert.equal(
    filesUnder(dir).map((path) => [path, read(dir, path)]),
    before,
  );
});

const BLOCKED: { name: string; arrange: (dir: string) => void; reported: RegExp }[] = [
  {
    name: 'a file where a record folder goes',
    arrange: (dir) => writeFileSync(join(dir, 'incidents'), 'x'),
    reported: /incidents\/\.gitkeep: a file is where the folder incidents should be/,
  },
  {
    name: 'a folder where the config goes',
    arrange: (dir) => mkdirSync(join(dir, 'incidents.config.yml')),
    reported: /incidents\.config\.yml: a folder is there/,
  },
  {
    name: 'a link where a folder goes (nothing written where it points)',
    arrange: (dir) => {
      mkdirSync(join(dir, 'elsewhere'));
      symlinkSync(join(dir, 'elsewhere'), join(dir, 'schemas'));
    },
    reported: /schemas\/common\.schema\.json: a link is where the folder schemas should be/,
  },
  {
    name: 'a link where a workflow goes (never written through)',
    arrange: (dir) => {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      symlinkSync(join(dir, 'elsewhere.yml'), join(dir, '.github/workflows/sla.yml'));
    },
    reported: /\.github\/workflows\/sla\.yml: a link is there/,
  },
];

for (const { name, arrange, reported } of BLOCKED) {
  init(`exit 2 when ${name}, after writing the rest`, async () => {
    const dir = emptyFolder();
    arrange(dir);
    const made = await run(['init'], { cwd: dir });
    assert.is(made.code, 2);
    assert.match(made.stderr, /^Could not write \d+ files?, so the repository is incomplete:\n/);
    assert.match(made.stderr, reported);
    assert.ok(lstatSync(join(dir, 'known-errors/.gitkeep')).isFile(), 'the rest is written');
    assert.not.ok(readdirSync(dir).includes('elsewhere.yml'), 'nothing written through the link');
    if (readdirSync(dir).includes('elsewhere')) assert.equal(readdirSync(join(dir, 'elsewhere')), [], 'nothing written where the link points');
  });
}

const USAGE: [string, string[], RegExp][] = [
  ['a login without @', ['--approver', 'alice'], /--approver "alice" is not a GitHub login written @login/],
  ['the same approver twice', ['--approver', '@alice', '--approver', '@Alice'], /--approver @Alice is given twice/],
  ['a name on two lines', ['--name', 'Acme\nStatus'], /--name must be one line of text/],
  ['a url the config would refuse', ['--url', 'https://x.example/a b'], /would make incidents\.config\.yml invalid:\n {2}incidents\.config\.yml:\d+:\d+: /],
  ['a team as approver', ['--approver', '@acme/oncall'], /teams cannot approve/],
  ['a url that is not http', ['--url', 'javascript:alert(1)'], /would make incidents\.config\.yml invalid/],
  ['an empty name', ['--name', ' '], /--name must be one line of text/],
  ['a ref with a comment', ['--ref', 'v1 # x'], /--ref "v1 # x" is not a git tag, branch or commit SHA/],
  ['a ref with a new line', ['--ref', 'v1\n      run: curl evil'], /is not a git tag, branch or commit SHA/],
  ['a ref climbing out', ['--ref', '../main'], /is not a git tag/],
  ['a repository with a path', ['--action-repo', 'acme/toolkit/sub'], /--action-repo "acme\/toolkit\/sub" is not OWNER\/REPO/],
  ['two folders', ['a', 'b'], /one folder at most, got a b/],
];

for (const [name, args, message] of USAGE) {
  init(`usage error, nothing written: ${name}`, async () => {
    const dir = emptyFolder();
    const result = await run(['init', ...args], { cwd: dir });
    assert.is(result.code, 2);
    assert.match(result.stderr, message);
    assert.equal(readdirSync(dir), []);
  });
}

const pin = suite('pinning the workflows');

const REFS: [string, string, boolean][] = [
  ['acme/incidents-as-code', SHA, true],
  ['acme/incidents-as-code', 'v1.2.0', true],
  ['acme/incidents-as-code', 'release/2026-11', true],
  ['acme/incidents-as-code', 'v1..2', false],
  ['acme/incidents-as-code', 'main.', false],
  ['acme/incidents-as-code', '-x', false],
  ['acme/incidents-as-code', "v1'", false],
  ['acme', 'v1', false],
  ['acme/x@y', 'v1', false],
  ['-acme/x', 'v1', false],
  ['acme/..', 'v1', false],
];

for (const [repository, ref, accepted] of REFS) {
  pin(`${repository}@${ref} is ${accepted ? 'accepted' : 'refused'}`, () => {
    if (accepted) assert.equal(actionRef(repository, ref), { repository, ref });
    else
      assert.throws(
        () => actionRef(repository, ref),
        (error: unknown) => error instanceof UsageError,
      );
  });
}

const PINNABLE: [string, string][] = [
  ['quoted', '  - uses: "./"\n'],
  ['single-quoted, with a comment', "  - uses: './' # ours\n"],
  ['spaced', '  -   uses:   ./  \n'],
  ['with CRLF', '  - uses: ./\r\n'],
];

for (const [name, line] of PINNABLE) {
  pin(`a uses: ./ step ${name} is pinned`, () => {
    assert.match(pinWorkflow('a.yml', `steps:\n${line}`, { repository: 'acme/t', ref: 'v1' }), /uses:\s+acme\/t@v1 # /);
  });
}

const UNPINNABLE: [string, string][] = [
  ['no local action', 'steps:\n  - uses: actions/checkout@abc\n'],
  ['a local action in a sub-folder', 'steps:\n  - uses: ./\n  - uses: ./.github/actions/x\n'],
];

for (const [name, text] of UNPINNABLE) {
  pin(`${name}: refused, never half pinned`, () => {
    assert.throws(
      () => pinWorkflow('a.yml', text, { repository: 'acme/t', ref: 'v1' }),
      /the starter workflow a\.yml has a uses: \.\/ step that cannot be pinned/,
    );
  });
}

pin('every `uses: ./` step is pinned, with or without a comment; other steps stay', () => {
  const text = 'steps:\n  - uses: ./ # ours\n  - name: x\n    uses: ./\n  - uses: actions/checkout@abc\n  # uses: ./ in a comment\n';
  assert.is(
    pinWorkflow('a.yml', text, { repository: 'acme/t', ref: SHA }),
    `steps:\n  - uses: acme/t@${SHA} # Incidents as code, pinned by its commit\n  - name: x\n    uses: acme/t@${SHA} # Incidents as code, pinned by its commit\n  - uses: actions/checkout@abc\n  # uses: ./ in a comment\n`,
  );
});

init.run();
pin.run();
