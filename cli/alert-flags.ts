// Where the commands that raise alerts POST them, besides the store, alerts.ndjson and Kafka.
import type { Webhook } from '../sinks/alerts/webhooks.js';
import type { FlagTable, FlagValues } from './flags.js';

export const ALERT_FLAGS = {
  webhook: {
    kind: 'list',
    value: 'URL',
    help: 'POST each alert there as JSON (retried; dead-lettered to OUT/alert-webhook-dead-letters.ndjson)',
    split: false,
  },
  'slack-webhook': {
    kind: 'list',
    value: 'URL',
    help: 'POST each alert there as a Slack-compatible {"text": ...} message',
    split: false,
  },
} as const satisfies FlagTable;

export function webhooksFrom(v: FlagValues<typeof ALERT_FLAGS>): Webhook[] {
  return [
    ...(v.webhook ?? []).map((url) => ({ kind: 'json' as const, url })),
    ...(v['slack-webhook'] ?? []).map((url) => ({ kind: 'slack' as const, url })),
  ];
}
