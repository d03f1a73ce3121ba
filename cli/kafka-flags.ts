// Kafka connection settings as flags; precedence (flags, environment, config file,
// defaults) and validation are kafkaOptions()'s.
import { KAFKA_DEFAULTS, kafkaOptions, type KafkaOptions } from '../sinks/kafka/connect.js';
import type { FlagGroup, FlagTable, FlagValues } from './flags.js';

export const KAFKA_FLAGS = {
  'kafka-brokers': {
    kind: 'string',
    value: 'H:P,...',
    help: 'bootstrap brokers (Kafka is off without them)',
    env: 'VUCRAWL_KAFKA_BROKERS',
  },
  'kafka-config': {
    kind: 'string',
    value: 'FILE',
    help: 'JSON with any of the settings below (brokers, clientId, ssl, ca, saslMechanism, saslUsername, saslPassword, partitions, replicationFactor)',
    env: 'VUCRAWL_KAFKA_CONFIG',
  },
  'kafka-client-id': {
    kind: 'string',
    value: 'ID',
    help: 'client id',
    default: () => KAFKA_DEFAULTS.clientId,
    env: 'VUCRAWL_KAFKA_CLIENT_ID',
  },
  'kafka-ssl': { kind: 'boolean', help: 'TLS to the brokers', env: 'VUCRAWL_KAFKA_SSL=1' },
  'kafka-ca': { kind: 'string', value: 'PEM', help: 'CA certificate for TLS', env: 'VUCRAWL_KAFKA_CA' },
  'kafka-sasl-mechanism': {
    kind: 'string',
    value: 'M',
    help: 'plain, scram-sha-256 or scram-sha-512',
    env: 'VUCRAWL_KAFKA_SASL_MECHANISM',
  },
  'kafka-sasl-username': { kind: 'string', value: 'U', help: 'SASL user', env: 'VUCRAWL_KAFKA_SASL_USERNAME' },
  'kafka-sasl-password': {
    kind: 'string',
    value: 'P',
    help: 'SASL password',
    env: 'VUCRAWL_KAFKA_SASL_PASSWORD',
    secret: true,
  },
  'kafka-partitions': {
    kind: 'string',
    value: 'N',
    help: 'partitions of topics created when missing',
    default: () => KAFKA_DEFAULTS.partitions,
    env: 'VUCRAWL_KAFKA_PARTITIONS',
  },
  'kafka-replication-factor': {
    kind: 'string',
    value: 'N',
    help: 'replication factor of topics created when missing',
    default: () => KAFKA_DEFAULTS.replicationFactor,
    env: 'VUCRAWL_KAFKA_REPLICATION_FACTOR',
  },
} as const satisfies FlagTable;

export const KAFKA_GROUP = { title: 'Kafka', flags: KAFKA_FLAGS } as const satisfies FlagGroup;

/** The settings in effect, or undefined when no brokers are configured anywhere. */
export function kafkaFrom(v: FlagValues<typeof KAFKA_FLAGS>): KafkaOptions | undefined {
  return kafkaOptions({
    brokers: v['kafka-brokers'],
    config: v['kafka-config'],
    clientId: v['kafka-client-id'],
    ssl: v['kafka-ssl'],
    ca: v['kafka-ca'],
    saslMechanism: v['kafka-sasl-mechanism'],
    saslUsername: v['kafka-sasl-username'],
    saslPassword: v['kafka-sasl-password'],
    partitions: v['kafka-partitions'],
    replicationFactor: v['kafka-replication-factor'],
  });
}
