import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';

/**
 * Approvers are people: a workflow's token cannot read team membership, so a team handle
 * (@org/team) never approves. A warning, since the config still works for the people it lists.
 */
export const configApproverTeam: ConfigRule = {
  id: 'config/approver-team',
  check(config) {
    const { default: fallback, services = {} } = config.data.approvers;
    const lists: [readonly (string | number)[], readonly string[]][] = [
      [['approvers', 'default'], fallback],
      ...Object.entries(services).map(([id, handles]): [readonly (string | number)[], readonly string[]] => [['approvers', 'services', id], handles]),
    ];
    return lists.flatMap(([path, handles]) =>
      handles.flatMap((handle, index) =>
        handle.includes('/')
          ? [
              findingAt(
                config,
                [...path, index],
                this.id,
                `${handle} is a team, and a team never approves (a workflow's token cannot read who is in it): list people, written @login`,
                { severity: 'warning' },
              ),
            ]
          : [],
      ),
    );
  },
};
