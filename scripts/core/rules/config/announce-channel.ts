import { findingAt, type Finding } from '../../findings.js';
import type { AnnounceChannel } from '../../records/schema-types.js';
import type { ConfigRule } from '../../records/record-set.js';
import { closestMatch } from '../../suggest.js';

/** The fields each channel type uses; the others are a mistake (a secret meant for another channel, an address for a webhook). */
const FIELDS_OF: Readonly<Record<AnnounceChannel['type'], readonly (keyof AnnounceChannel)[]>> = {
  slack: ['url_env'],
  teams: ['url_env'],
  webhook: ['url_env', 'secret_env'],
  email: ['smtp_env', 'from', 'to'],
};
const TYPED_FIELDS = ['url_env', 'secret_env', 'smtp_env', 'from', 'to'] as const;

/**
 * The announce channels: ids unique (the state remembers deliveries by id), `services` name
 * services of the config, no field another type uses (it would be silently ignored), and
 * `join_url` and `name` only on a public channel.
 */
export const configAnnounceChannel: ConfigRule = {
  id: 'config/announce-channel',
  check(config) {
    const channels = config.data.announce?.channels ?? [];
    const known = config.data.services.map((service) => service.id);
    const ids = channels.map((channel) => channel.id);
    return channels.flatMap((channel, index): Finding[] => {
      const at = (key: string | number, ...more: (string | number)[]) => ['announce', 'channels', index, key, ...more];
      const first = ids.indexOf(channel.id);
      return [
        ...(first !== index
          ? [findingAt(config, at('id'), this.id, `Channel id ${channel.id} is used twice (also announce.channels[${first}]): channel ids must be unique`)]
          : []),
        ...(channel.services ?? []).flatMap((id, position) => {
          if (known.includes(id)) return [];
          const guess = closestMatch(id, known);
          return [
            findingAt(
              config,
              at('services', position),
              this.id,
              `Channel ${channel.id} names service ${id}, which is not a service${guess ? `: did you mean "${guess}"?` : `: expected one of ${known.join(', ')}`}`,
            ),
          ];
        }),
        ...TYPED_FIELDS.filter((field) => channel[field] !== undefined && !FIELDS_OF[channel.type].includes(field)).map((field) =>
          findingAt(config, at(field), this.id, `${field} is not used by a ${channel.type} channel: expected only ${FIELDS_OF[channel.type].join(', ')}`, {
            at: 'key',
          }),
        ),
        ...(['join_url', 'name'] as const)
          .filter((field) => channel[field] !== undefined && channel.public !== true)
          .map((field) =>
            findingAt(
              config,
              at(field),
              this.id,
              `${field} is shown only for a public channel: add public: true to list ${channel.id} on the page, or remove ${field}`,
              {
                at: 'key',
                severity: 'warning',
              },
            ),
          ),
      ];
    });
  },
};
