import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_NAMES } from '../scripts/cli.js';
import { runCliCapturing } from './helpers/run-cli.js';

const help = suite('help on every command');

for (const name of COMMAND_NAMES) {
  help(`incidents ${name} --help and incidents help ${name}: usage, each option explained, an example, exit 0`, async () => {
    const [flag, word, short] = await Promise.all([runCliCapturing([name, '--help']), runCliCapturing(['help', name]), runCliCapturing([name, '-h'])]);
    for (const result of [flag, word, short]) assert.is(result.code, 0, result.stderr);
    assert.is(word.stdout, flag.stdout);
    assert.is(short.stdout, flag.stdout);
    const text = flag.stdout;
    assert.ok(text.startsWith(`Usage: incidents ${name} `), text);
    assert.match(text, /\nExample:\n {2}\S/);
    const usage = text.split('\n')[0]!;
    const options = text.slice(text.indexOf('Options:'), text.indexOf('Example:'));
    for (const [option] of usage.matchAll(/--[a-z-]+/g)) assert.match(options, new RegExp(`\\n {2}${option}\\b`), `${option} is explained`);
  });
}

const VALUES: { name: string; argv: string[]; listed: string[] }[] = [
  {
    name: 'update lists the statuses, the reasons and the resolution codes',
    argv: ['update', '--help'],
    listed: ['on_hold', 'in_progress', 'awaiting_vendor', 'not_an_incident', 'no_fault_found'],
  },
  { name: 'new lists the service states and levels', argv: ['new', '--help'], listed: ['partial_outage', 'under_maintenance', 'high, medium, low'] },
  { name: 'report lists its formats', argv: ['report', '--help'], listed: ['text|json|markdown|github'] },
];

for (const { name, argv, listed } of VALUES) {
  help(name, async () => {
    const { stdout } = await runCliCapturing(argv);
    for (const value of listed) assert.ok(stdout.includes(value), value);
  });
}

help('incidents --help and incidents help list every command, exit 0', async () => {
  for (const argv of [['--help'], ['help'], ['-h']]) {
    const { code, stdout } = await runCliCapturing(argv);
    assert.is(code, 0);
    for (const name of COMMAND_NAMES) assert.match(stdout, new RegExp(`\\n {2}${name} `));
  }
});

const MISTAKES: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'a misspelled command', argv: ['vaildate'], message: /unknown command "vaildate" \(did you mean validate\?\)/ },
  { name: 'help for a misspelled command', argv: ['help', 'reprot'], message: /unknown command "reprot" \(did you mean report\?\)/ },
  { name: 'a misspelled option', argv: ['validate', '--formt', 'json'], message: /Unknown option '--formt' \(did you mean --format\?\)/ },
  {
    name: 'a one-value option given twice',
    argv: ['validate', '--format', 'json', '--format', 'text'],
    message: /--format is given twice: it takes one value/,
  },
];

/** Names every JavaScript object has: none is a command, an option or a value of ours. */
const RESERVED_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
for (const word of RESERVED_WORDS) {
  MISTAKES.push(
    { name: `a command named ${word}`, argv: [word], message: new RegExp(`unknown command "${word}"`) },
    { name: `help for ${word}`, argv: ['help', word], message: new RegExp(`unknown command "${word}"`) },
    { name: `${word} --help`, argv: [word, '--help'], message: new RegExp(`unknown command "${word}"`) },
    { name: `--format ${word}`, argv: ['validate', '--format', word], message: new RegExp(`--format must be one of text, json, github, not "${word}"`) },
    { name: `an option named --${word}`, argv: ['validate', `--${word}`], message: new RegExp(`Unknown option '--${word}'`) },
  );
}

for (const { name, argv, message } of MISTAKES) {
  help(`${name}: exit 2, and the closest match`, async () => {
    const { code, stderr } = await runCliCapturing(argv);
    assert.is(code, 2);
    assert.match(stderr, message);
    assert.not.match(stderr, /internal error/);
  });
}

help.run();
