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
  return new Html(String(processor.processSync(markdown)));
}
