import { yamlScalar } from './edit-frontmatter.js';
import type { Config, Problem } from '../records/types.js';

/** What `incidents new --type problem` was asked to write. */
export interface NewProblem {
  title: string;
  impact: Problem['impact'];
  urgency: Problem['urgency'];
  /** Service ids from the config. */
  services: readonly string[];
  /** The incidents it explains. */
  incidents: readonly string[];
  /** Who drives the investigation, a GitHub handle. */
  owner?: string;
  /** When it is recorded: created_at. */
  at: string;
}

/**
 * The text of a new problem: status new, its priority from the config's matrix, and a body with
 * the suggested sections of an investigation (internal, as all of a problem is).
 */
export function newProblemText(id: string, problem: NewProblem, config: Config): string {
  const list = (items: readonly string[]) => `[${items.map((item) => yamlScalar(item, true)).join(', ')}]`;
  return [
    '---',
    `id: ${id}`,
    `title: ${yamlScalar(problem.title)}`,
    'status: new',
    `services: ${list(problem.services)}`,
    `incidents: ${list(problem.incidents)}`,
    `impact: ${problem.impact}`,
    `urgency: ${problem.urgency}`,
    `priority: ${config.priority_matrix[problem.impact][problem.urgency]}`,
    ...(problem.owner ? [`owner: ${yamlScalar(problem.owner)}`] : []),
    `created_at: ${problem.at}`,
    '---',
    '## Symptoms',
    '',
    '## Investigation',
    '',
    '## Root cause',
    '',
    '## Fix',
    '',
  ].join('\n');
}
