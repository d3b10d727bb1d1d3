/**
 * HTML built by a tagged template that escapes every value it is given, unless the value is
 * already `Html` (made by this template, or by the Markdown sanitizer). Text from records can
 * therefore never become markup by accident.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | readonly Part[];

/** `html\`<p>${text}</p>\``: the text is escaped; arrays are joined; empty values vanish. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += toHtml(value) + strings[index + 1]!;
  });
  return new Html(out);
}

function toHtml(value: Part): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeText(String(value));
}

/**
 * A `<style>` element of the project's own CSS. CSS is raw text inside `<style>`: HTML escaping would
 * turn its quotes into `&quot;` and the browser would drop the rule (the page fell back to a serif
 * font). Only constant CSS from the code may come here, never record text, and it may not close the element.
 */
export function styleElement(css: string): Html {
  if (/<\/style/i.test(css)) throw new Error('a stylesheet may not hold </style');
  return new Html(`<style>${css}</style>`);
}

/** A `<script>` element of the project's own code: constant text, never record text; it may not close the element. */
export function scriptElement(code: string): Html {
  if (/<\/script/i.test(code)) throw new Error('a script may not hold </script');
  return new Html(`<script>${code}</script>`);
}

/** Escapes text for HTML and XML, in content and in quoted attributes alike. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
