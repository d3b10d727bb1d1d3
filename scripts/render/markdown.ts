import type { ElementContent, Root, RootContent } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { checkMarkdownBounds, TEXT_BOUNDS } from '../core/markdown-bounds.js';
import { escapeText, Html } from './html.js';

/**
 * Markdown from a record (an update message, a workaround, a postmortem Summary) as safe HTML.
 * Raw HTML in the Markdown is dropped, and the result goes through rehype-sanitize's GitHub
 * schema: no scripts, no event handlers, no `javascript:` or `data:` links, no styles; images
 * show as their alt text.
 */
export function renderMarkdown(markdown: string): Html {
  return rendered(markdown).html;
}

/**
 * The same Markdown as plain text, read from the same sanitized tree as renderMarkdown's HTML, for
 * the outputs that are not HTML (the Statuspage API's bodies, the iCalendar feed): what renders to
 * nothing on the page (HTML comments, link reference definitions, raw HTML) is not in it either.
 */
export function renderMarkdownText(markdown: string): string {
  return rendered(markdown).text;
}

/** The HTML of the whole unified pipeline, for any Markdown within TEXT_BOUNDS. */
export function throughPipeline(markdown: string): string {
  return processor.stringify(sanitizedTree(markdown));
}

const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(imagesAsText).use(rehypeStringify).freeze();

/**
 * Each image shows as its alt text: a remote image in a record would tell whoever wrote it who reads
 * the page, a feed or an email (a tracking pixel), and would load from anywhere.
 */
function imagesAsText() {
  const replace = (node: Root | ElementContent): void => {
    if (!('children' in node)) return;
    node.children = node.children.map((child) =>
      child.type === 'element' && child.tagName === 'img' ? { type: 'text', value: String(child.properties.alt ?? '') } : child,
    ) as typeof node.children;
    for (const child of node.children) replace(child as ElementContent);
  };
  return (tree: Root) => replace(tree);
}

function sanitizedTree(markdown: string): Root {
  return processor.runSync(processor.parse(markdown));
}

interface Rendered {
  html: Html;
  text: string;
}

/** Each text is rendered once per build, though pages, feeds and the API all show it. */
const cache = new Map<string, Rendered>();
const CACHE_SIZE = 10_000;

function rendered(markdown: string): Rendered {
  let result = cache.get(markdown);
  if (result) return result;
  result = render(markdown);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(markdown, result);
  return result;
}

/**
 * Never throws and never hangs: a text beyond TEXT_BOUNDS (which validate refuses, as
 * record/markdown-bounds) is shown as the escaped text it is instead of being parsed, and so is
 * one the pipeline fails on.
 */
function render(markdown: string): Rendered {
  // Most update messages are one plain sentence: the pipeline would give the same <p>, slowly.
  if (PLAIN.test(markdown)) return { html: new Html(`<p>${markdown}</p>`), text: markdown };
  if (checkMarkdownBounds(markdown, TEXT_BOUNDS)) return asText(markdown);
  try {
    const tree = sanitizedTree(markdown);
    return { html: new Html(processor.stringify(tree)), text: plainText(tree) };
  } catch {
    return asText(markdown);
  }
}

function asText(markdown: string): Rendered {
  return { html: new Html(`<p>${escapeText(markdown).replace(/\r\n|\r|\n/g, '<br>\n')}</p>`), text: markdown };
}

/**
 * One line that Markdown reads as plain text: it starts with a letter (not a list's `1.` or `-`),
 * ends with no space, and holds letters, digits, spaces and punctuation that is never markup here
 * (no `<` or `&` to escape, no `*_[]`#>` or line breaks).
 */
const PLAIN = /^\p{L}(?:[\p{L}\p{N} ,.;:'?!%/()-]*[\p{L}\p{N},.;:'?!%/()-])?$/u;

/** Elements that stand apart from the text around them, and by how many line breaks. */
const BREAKS: Readonly<Record<string, number>> = {
  p: 2,
  h1: 2,
  h2: 2,
  h3: 2,
  h4: 2,
  h5: 2,
  h6: 2,
  blockquote: 2,
  pre: 2,
  ul: 2,
  ol: 2,
  table: 2,
  hr: 2,
  li: 1,
  br: 1,
  tr: 1,
  div: 1,
};

/**
 * A sanitized tree as plain text, as a reader sees it: blocks apart, list items on lines of their
 * own (`- ` or their number), line breaks kept, a link's address after its text, an image's alt.
 */
function plainText(tree: Root): string {
  const parts: (string | number)[] = [];
  collect(tree.children, parts, { pre: false });
  let out = '';
  let breaks = 0;
  for (const part of parts) {
    if (typeof part === 'number') breaks = Math.max(breaks, part);
    else if (part !== '' && !(breaks > 0 && part.trim() === '')) {
      if (out !== '' && breaks > 0) out = `${out.trimEnd()}\n${'\n'.repeat(breaks - 1)}${part.trimStart()}`;
      else out += out === '' ? part.trimStart() : part;
      breaks = 0;
    }
  }
  return out.trimEnd();
}

/** Where collect is: in a `pre` (whitespace kept), among a list's items (`next`: the number of an ordered list's next item). */
interface Context {
  pre: boolean;
  list?: { next?: number };
}

function collect(nodes: readonly (RootContent | ElementContent)[], parts: (string | number)[], context: Context): void {
  for (const node of nodes) {
    if (node.type === 'text') parts.push(context.pre ? node.value : node.value.replace(/\s+/g, ' '));
    if (node.type !== 'element') continue;
    const name = node.tagName;
    const breaks = BREAKS[name] ?? 0;
    parts.push(breaks);
    if (name === 'img' && typeof node.properties.alt === 'string') parts.push(node.properties.alt);
    if (name === 'li' && context.list) parts.push(context.list.next === undefined ? '- ' : `${context.list.next++}. `);
    const list = name === 'ul' ? {} : name === 'ol' ? { next: typeof node.properties.start === 'number' ? node.properties.start : 1 } : undefined;
    const inner: (string | number)[] = [];
    collect(node.children, inner, { pre: context.pre || name === 'pre', ...(list ? { list } : {}) });
    parts.push(...inner);
    const href = node.properties.href;
    if (name === 'a' && typeof href === 'string' && href !== inner.filter((part) => typeof part === 'string').join('')) parts.push(` (${href})`);
    parts.push(breaks);
  }
}
