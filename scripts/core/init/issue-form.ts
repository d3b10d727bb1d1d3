import { stringify } from 'yaml';
import { LEVELS } from '../records/types.js';

/** A service as the config lists it, as far as the form needs. */
export interface FormService {
  id: string;
  name: string;
}

/**
 * The "Report an incident" issue form (.github/ISSUE_TEMPLATE/): what a person outside the on-call
 * rota tells us. Each service is offered as "Name (id)", so a report names the service exactly.
 */
export function issueForm(services: readonly FormService[]): string {
  const form = {
    name: 'Report an incident',
    description: 'Something is broken or slow for users. The on-call team turns this into an incident record.',
    title: '[Incident] ',
    labels: ['incident-report'],
    body: [
      { type: 'markdown', attributes: { value: 'Tell us what you see. Do not paste passwords, tokens or personal data: issues may be public.' } },
      {
        type: 'dropdown',
        id: 'service',
        attributes: { label: 'Service', description: 'What is affected.', options: services.map((service) => `${service.name} (${service.id})`) },
        validations: { required: true },
      },
      {
        type: 'dropdown',
        id: 'impact',
        attributes: { label: 'Impact', description: 'high: many users or money; medium: some users; low: few, with a way around it.', options: LEVELS },
        validations: { required: true },
      },
      {
        type: 'dropdown',
        id: 'urgency',
        attributes: { label: 'Urgency', description: 'high: it must be fixed now; medium: within hours; low: it can wait.', options: LEVELS },
        validations: { required: true },
      },
      {
        type: 'textarea',
        id: 'what_is_happening',
        attributes: { label: 'What is happening', description: 'What you did, what you expected, what happened instead, since when.' },
        validations: { required: true },
      },
    ],
  };
  return `# Made by incidents init. The services are the config's: keep this list in step with incidents.config.yml.\n${stringify(form, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
