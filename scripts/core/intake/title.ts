/** The longest title a record takes (the incident schema's maxLength). */
export const TITLE_MAX = 200;

/**
 * Plain text for a record: control characters and line breaks become spaces, runs of spaces one,
 * cut to `max` characters on a whole character. What a sender wrote never becomes markup or YAML
 * structure: the renderer escapes it and the record writer quotes it.
 */
export function plainText(text: string, max: number): string {
  const flat = text
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = [...flat];
  return characters.length <= max
    ? flat
    : `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * A route's title template filled in from an alert: `{{ labels.X }}` and `{{ annotations.X }}`
 * take the value (empty when the alert has none). Nothing else is a placeholder: no expressions,
 * no functions, no HTML. The result is plain text of at most TITLE_MAX characters.
 */
export function renderTitle(template: string, alert: { labels: Readonly<Record<string, string>>; annotations: Readonly<Record<string, string>> }): string {
  const filled = template.replace(/\{\{\s*(labels|annotations)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_whole, where: 'labels' | 'annotations', name: string) =>
    Object.hasOwn(alert[where], name) ? alert[where][name]! : '',
  );
  return plainText(filled, TITLE_MAX);
}
