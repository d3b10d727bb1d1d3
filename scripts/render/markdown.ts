import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { Html } from './html.js';

/**
 * Markdown from a record (an update message, a workaround, a postmortem Summary) as safe HTML.
 * Raw HTML in the Markdown is dropped, and the result goes through rehype-sanitize's GitHub
 * schema: no scripts, no event handlers, no `javascript:` or `data:` links, no styles.
 */
const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

export function renderMarkdown(markdown: string): Html {
  // Most update messages are one plain sentence: the pipeline would give the same <p>, slowly.
  return new Html(PLAIN.test(markdown) ? `<p>${markdown}</p>` : throughPipeline(markdown));
}

/** The HTML of the whole unified pipeline, for any Markdown. */
export function throughPipeline(markdown: string): string {
  return String(processor.processSync(markdown));
}

/**
 * One line that Markdown reads as plain text: it starts with a letter (not a list's `1.` or `-`),
 * ends with no space, and holds letters, digits, spaces and punctuation that is never markup here
 * (no `<` or `&` to escape, no `*_[]`#>` or line breaks).
 */
const PLAIN = /^\p{L}(?:[\p{L}\p{N} ,.;:'?!%/()-]*[\p{L}\p{N},.;:'?!%/()-])?$/u;
