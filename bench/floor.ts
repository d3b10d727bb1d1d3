/**
 * The floor the commands are measured against: `floor read DIR` reads every record file;
 * `floor parse DIR` also splits each with gray-matter (its own js-yaml) and checks it with Ajv
 * against our schema for its kind. Nothing else: no positions, no rules, no output.
 *
 * It reads files the way the commands do: each `.md` file a `readdir(withFileTypes)` lists, read
 * whole with readFileSync (here plainly: no lstat, size or encoding checks). Synchronous reads of
 * many small files are several times faster than fs/promises in batches, so reading costs the same
 * on both sides and each ratio measures only what a command adds to the least work.
 */
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import matter from 'gray-matter';
import { KIND_NAMES, RECORD_FOLDERS, RECORD_KINDS, recordKindOf } from '../scripts/core/records/kinds.js';
import { SCHEMAS } from '../scripts/core/records/schemas.js';

const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
const [mode, root] = process.argv.slice(2);
if ((mode !== 'read' && mode !== 'parse') || !root) throw new Error('usage: floor read|parse DIR');

const paths: string[] = [];
for (const folder of RECORD_FOLDERS) {
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(join(root, folder), { withFileTypes: true });
  } catch {
    // A repository without this folder has none of its records.
  }
  for (const entry of entries) if (entry.isFile() && entry.name.endsWith('.md')) paths.push(join(root, folder, entry.name));
}
const texts = paths.map((path) => readFileSync(path, 'utf8'));

if (mode === 'parse') {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  ajv.addSchema(SCHEMAS.common);
  const validators = new Map(KIND_NAMES.map((kind) => [kind, ajv.compile(SCHEMAS[RECORD_KINDS[kind].schemaName])]));
  let invalid = 0;
  texts.forEach((text, index) => {
    const kind = recordKindOf(relative(root, paths[index]!));
    const validate = kind && validators.get(kind);
    if (!validate) return void invalid++;
    // js-yaml 3 reads timestamps as Dates; JSON gives them back as strings for the schema.
    if (!validate(JSON.parse(JSON.stringify(matter(text, {}).data)))) invalid++;
  });
  process.stdout.write(`${texts.length} files, ${invalid} invalid\n`);
}
