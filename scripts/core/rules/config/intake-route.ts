import { findingAt, type Finding } from '../../findings.js';
import { compileRouteValue, isRegexValue } from '../../intake/routes.js';
import type { ConfigRule } from '../../records/record-set.js';
import { closestMatch } from '../../suggest.js';

/** Each intake route names a service that exists, and each of its /regex/ values compiles with RE2 within the bound. */
export const configIntakeRoute: ConfigRule = {
  id: 'config/intake-route',
  check(config) {
    const known = config.data.services.map((service) => service.id);
    const findings: Finding[] = [];
    (config.data.intake?.routes ?? []).forEach((route, index) => {
      if (!known.includes(route.service)) {
        const guess = closestMatch(route.service, known);
        findings.push(
          findingAt(
            config,
            ['intake', 'routes', index, 'service'],
            this.id,
            `intake.routes[${index}] records ${route.service}, which is not a service${guess ? `: did you mean "${guess}"?` : `: expected one of ${known.join(', ')}`}`,
          ),
        );
      }
      for (const [label, value] of Object.entries(route.match)) {
        if (!isRegexValue(value)) continue;
        const compiled = compileRouteValue(value);
        if (!compiled.ok)
          findings.push(
            findingAt(
              config,
              ['intake', 'routes', index, 'match', label],
              this.id,
              `intake.routes[${index}].match.${label} ${value} is not a pattern RE2 runs: ${compiled.message} (write an exact value, or /regex/ without backreferences or lookaround)`,
            ),
          );
      }
    });
    return findings;
  },
};
