/**
 * How much Markdown a record may hand to the Markdown parser. The parser (micromark, through remark)
 * recurses once per level of nesting and rebuilds its list of events each time a line leaves a
 * nested block, so 2,000 nested block quotes or emphasis overflow the stack (20,000 once aborted
 * V8 itself), and a few thousand lines of nested lists take many seconds. These bounds keep every
 * parse to a few hundred milliseconds (docs/security.md says what was measured).
 */
export interface MarkdownBounds {
  /** Levels of nesting: block quotes, list items, emphasis, links and images counted together. */
  depth: number;
  /** Characters (UTF-16 code units, as JavaScript counts them). */
  characters: number;
  lines: number;
}

/** A text that is published as Markdown: an update's message, a workaround, a postmortem's Summary. */
export const TEXT_BOUNDS: MarkdownBounds = { depth: 16, characters: 10_000, lines: 200 };

/** A postmortem's whole body, which the gate and the build parse to find its sections. */
export const BODY_BOUNDS: MarkdownBounds = { depth: 16, characters: 100_000, lines: 1_000 };

/** The first bound a text goes beyond: which, what was found (for depth, the first level beyond), and the 1-based line of the text. */
export interface MarkdownExcess {
  bound: keyof MarkdownBounds;
  found: number;
  limit: number;
  line: number;
}

/**
 * The first bound `text` goes beyond, or undefined when it is within all of them. It never parses
 * the Markdown: one pass over the text, whose depth is an upper bound of what the parser would
 * build (each list marker and `>` is a level, indentation continues the list items above it, and
 * each pair of matched emphasis or bracket delimiters in a paragraph is a level).
 */
export function checkMarkdownBounds(text: string, bounds: MarkdownBounds): MarkdownExcess | undefined {
  if (text.length > bounds.characters) return { bound: 'characters', found: text.length, limit: bounds.characters, line: 1 };
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > bounds.lines) return { bound: 'lines', found: lines.length, limit: bounds.lines, line: bounds.lines + 1 };
  // Most texts hold no character that can nest at all.
  if (!MAY_NEST.test(text)) return undefined;
  const scan = new DepthScan(bounds.depth);
  for (const [index, line] of lines.entries()) {
    const excess = scan.line(line, index + 1);
    if (excess) return excess;
  }
  return scan.endParagraph();
}

/** Every character that can open a level: `>`, list markers (`-`, `+`, `*`, a digit and `.` or `)`), emphasis and brackets. */
const MAY_NEST = /[>*_[\]+-]|\d[.)]/;

/** A phrase for a finding: what the text holds and what is allowed; `line` names the line of the text the depth is at. */
export function describeExcess(excess: MarkdownExcess, { line = true } = {}): string {
  switch (excess.bound) {
    case 'characters':
      return `holds ${excess.found} characters, expected at most ${excess.limit}`;
    case 'lines':
      return `holds more than ${excess.limit} lines, expected at most ${excess.limit}`;
    case 'depth':
      return `nests more than ${excess.limit} levels deep${line ? ` on its line ${excess.line}` : ''}, expected at most ${excess.limit} (block quotes, list items, emphasis, links and images count together)`;
  }
}

/** A run of inline delimiters in the paragraph being read, and where. */
interface Delimiter {
  /** An opener, a closer, or (a run that flanks both ways) either. */
  kind: 'open' | 'close' | 'either';
  /** `*`, `_` or `[`: each pairs with its own kind. */
  character: string;
  /** Its length: how many delimiters of its kind it can pair. */
  count: number;
  line: number;
}

/** The depth of a text, line by line: the list items open, and the current paragraph's delimiters. */
class DepthScan {
  /** The content column of each list item still open. */
  private items: number[] = [];
  /** Whether the line before was not blank: a line without markers may then continue it lazily. */
  private inParagraph = false;
  /** The deepest block nesting of the paragraph so far, and the inline delimiters in it. */
  private blockDepth = 0;
  private delimiters: Delimiter[] = [];

  constructor(private readonly limit: number) {}

  line(line: string, number: number): MarkdownExcess | undefined {
    let at = 0;
    let quotes = 0;
    // A chain of `>`: each a block quote, continued or new.
    for (;;) {
      at = skipSpace(line, at);
      if (line[at] !== '>') break;
      quotes += 1;
      at += 1;
      if (quotes > this.limit) return this.excess(quotes, number);
    }
    if (at >= line.length) {
      // A blank line (in its block quotes) ends the paragraph but keeps the list items open.
      this.inParagraph = false;
      const depth = quotes + this.items.length;
      return depth > this.limit ? this.excess(depth, number) : this.endParagraph();
    }
    // A line indented less than a list item's content ends it, unless it may be a lazy continuation.
    const column = columnOf(line, at);
    const lazy = this.inParagraph && quotes === 0 && listMarker(line, at) === 0;
    while (!lazy && this.items.length > 0 && this.items.at(-1)! > column) this.items.pop();
    this.inParagraph = true;
    // List markers and more `>`, each a level deeper.
    let depth = quotes + this.items.length;
    for (;;) {
      if (depth > this.limit) return this.excess(depth, number);
      at = skipSpace(line, at);
      if (line[at] === '>') {
        depth += 1;
        at += 1;
        continue;
      }
      const marker = listMarker(line, at);
      if (marker === 0 || isThematicBreak(line, at)) break;
      // The least content column an item can have: a line indented that far may still be in it.
      this.items.push(columnOf(line, at) + marker + 1);
      depth += 1;
      at += marker;
    }
    this.blockDepth = Math.max(this.blockDepth, depth);
    this.readInline(line, at, number);
    return undefined;
  }

  /** The delimiters of a line's inline content: `*` and `_` runs by their flanking, `[`, `![` and `]`. */
  private readInline(line: string, from: number, number: number): void {
    for (let at = from; at < line.length; at += 1) {
      const character = line[at]!;
      if (character === '\\') {
        at += 1;
      } else if (character === '[' || character === ']') {
        this.delimiters.push({ kind: character === '[' ? 'open' : 'close', character: '[', count: 1, line: number });
      } else if (character === '*' || character === '_') {
        let end = at;
        while (line[end + 1] === character) end += 1;
        const before = line[at - 1] ?? ' ';
        const after = line[end + 1] ?? ' ';
        const left = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
        const right = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
        // Within a word, `_` neither opens nor closes.
        const opens = left && (character === '*' || !right || isPunctuation(before));
        const closes = right && (character === '*' || !left || isPunctuation(after));
        const kind = opens && closes ? 'either' : opens ? 'open' : closes ? 'close' : undefined;
        if (kind) this.delimiters.push({ kind, character, count: end - at + 1, line: number });
        at = end;
      }
    }
  }

  /**
   * The end of a paragraph: the depth of its pairs of delimiters, above the paragraph's deepest
   * block. Emphasis pairs as CommonMark's algorithm pairs it (the nearest opener of the same
   * character, the rule of 3, the openers in between dropped), a level per pair; every `[` pairs
   * with the nearest `]`, link or not, so brackets never count fewer levels than the parser builds.
   */
  endParagraph(): MarkdownExcess | undefined {
    const opened = this.delimiters.map(() => 0);
    const closed = this.delimiters.map(() => 0);
    const pair = (opener: number, closer: number) => {
      opened[opener] = opened[opener]! + 1;
      closed[closer] = closed[closer]! + 1;
    };
    const brackets: number[] = [];
    const openers: { index: number; left: number }[] = [];
    /** For each kind of closer, the height of the stack below which no opener fits it. */
    const bottom = new Map<string, number>();
    this.delimiters.forEach((delimiter, index) => {
      if (delimiter.character === '[') {
        if (delimiter.kind === 'open') brackets.push(index);
        else if (brackets.length > 0) pair(brackets.pop()!, index);
        return;
      }
      let left = delimiter.count;
      while (delimiter.kind !== 'open' && left > 0) {
        const key = `${delimiter.character}${delimiter.kind}${left % 3}`;
        const floor = Math.min(bottom.get(key) ?? 0, openers.length);
        let at = openers.length - 1;
        while (at >= floor && !fits(this.delimiters[openers[at]!.index]!, openers[at]!.left, delimiter, left)) at -= 1;
        if (at < floor) {
          bottom.set(key, openers.length);
          break;
        }
        openers.length = at + 1;
        // What is left of this opener changes, so it may fit closers it did not fit before.
        for (const [kind, height] of bottom) bottom.set(kind, Math.min(height, at));
        const opener = openers[at]!;
        const taken = opener.left >= 2 && left >= 2 ? 2 : 1;
        pair(opener.index, index);
        opener.left -= taken;
        left -= taken;
        if (opener.left === 0) openers.pop();
      }
      if (delimiter.kind !== 'close' && left > 0) openers.push({ index, left });
    });
    let depth = this.blockDepth;
    let deepest = { depth, line: 0 };
    this.delimiters.forEach((delimiter, index) => {
      depth += opened[index]! - closed[index]!;
      if (depth > deepest.depth) deepest = { depth, line: delimiter.line };
    });
    this.delimiters = [];
    this.blockDepth = 0;
    return deepest.depth > this.limit ? this.excess(deepest.depth, deepest.line) : undefined;
  }

  private excess(found: number, line: number): MarkdownExcess {
    return { bound: 'depth', found, limit: this.limit, line };
  }
}

/** Whether an opener may pair with a closer: the same character, and the rule of 3 on what is left of both (as micromark applies it). */
function fits(opener: Delimiter, openerLeft: number, closer: Delimiter, closerLeft: number): boolean {
  if (opener.character !== closer.character) return false;
  const either = opener.kind === 'either' || closer.kind === 'either';
  return !(either && (openerLeft + closerLeft) % 3 === 0 && !(openerLeft % 3 === 0 && closerLeft % 3 === 0));
}

function skipSpace(line: string, at: number): number {
  while (line[at] === ' ' || line[at] === '\t') at += 1;
  return at;
}

/** The column of `at`, with tabs to the next multiple of 4 as CommonMark counts them. */
function columnOf(line: string, at: number): number {
  let column = 0;
  for (let index = 0; index < at; index += 1) column = line[index] === '\t' ? column + 4 - (column % 4) : column + 1;
  return column;
}

/** The width of a list marker at `at` (`-`, `+`, `*`, `1.` to `999999999)`) followed by a space or the line's end, or 0. */
function listMarker(line: string, at: number): number {
  let end = at;
  const character = line[at];
  if (character === '-' || character === '+' || character === '*') end += 1;
  else {
    while (end - at < 9 && isDigit(line[end])) end += 1;
    if (end === at || (line[end] !== '.' && line[end] !== ')')) return 0;
    end += 1;
  }
  const next = line[end];
  return next === undefined || next === ' ' || next === '\t' ? end - at : 0;
}

/** `* * *`, `---`, `___`: a thematic break, which is not a list of empty items. */
function isThematicBreak(line: string, at: number): boolean {
  return /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line.slice(at));
}

const isDigit = (character: string | undefined) => character !== undefined && character >= '0' && character <= '9';
const isSpace = (character: string) => /\s/u.test(character);
const isPunctuation = (character: string) => /[\p{P}\p{S}]/u.test(character);
