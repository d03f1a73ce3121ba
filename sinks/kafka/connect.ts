// Kafka connection settings, from flags, then the environment, then a JSON config file,
// then defaults (in that order of precedence), and the topics created when missing.
// Secrets (the SASL password) are never logged: describeKafka() is what logs show.
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { ALL_TOPICS, COMPACTED_TOPICS } from './topics.js';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** TLS to the brokers; `ca` is a PEM file for a private certificate authority. */
  ssl: boolean;
  ca?: string;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** For topics created when missing. */
  partitions: number;
  replicationFactor: number;
}

export const KAFKA_DEFAULTS = { clientId: 'vucrawl', ssl: false, partitions: 3, replicationFactor: 1 } as const;

/** What flags may set (each also VUCRAWL_KAFKA_<NAME> in the environment, or a key of the config file). */
export interface KafkaFlags {
  brokers?: string;
  clientId?: string;
  ssl?: boolean;
  ca?: string;
  saslMechanism?: string;
  saslUsername?: string;
  saslPassword?: string;
  partitions?: string;
  replicationFactor?: string;
  config?: string;
}

const ENV: Record<Exclude<keyof KafkaFlags, 'ssl'>, string> = {
  brokers: 'VUCRAWL_KAFKA_BROKERS',
  clientId: 'VUCRAWL_KAFKA_CLIENT_ID',
  ca: 'VUCRAWL_KAFKA_CA',
  saslMechanism: 'VUCRAWL_KAFKA_SASL_MECHANISM',
  saslUsername: 'VUCRAWL_KAFKA_SASL_USERNAME',
  saslPassword: 'VUCRAWL_KAFKA_SASL_PASSWORD',
  partitions: 'VUCRAWL_KAFKA_PARTITIONS',
  replicationFactor: 'VUCRAWL_KAFKA_REPLICATION_FACTOR',
  config: 'VUCRAWL_KAFKA_CONFIG',
};

function readConfig(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Kafka config file ${file}: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`Kafka config file ${file}: must be a JSON object`);
  const known = new Set([...Object.keys(ENV), 'ssl']);
  for (const k of Object.keys(parsed))
    if (!known.has(k) || k === 'config')
      throw new Error(
        `Kafka config file ${file}: unknown key "${k}" (known: ${[...known].filter((x) => x !== 'config').join(', ')})`,
      );
  return parsed as Record<string, unknown>;
}

function positiveInt(v: string | number, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number >= 1, got "${v}"`);
  return n;
}

/** The settings in effect, or undefined when no brokers are configured anywhere (Kafka not in use). */
export function kafkaOptions(flags: KafkaFlags = {}, env: NodeJS.ProcessEnv = process.env): KafkaOptions | undefined {
  const configFile = flags.config ?? env[ENV.config];
  const file = configFile ? readConfig(configFile) : {};
  const pick = (k: Exclude<keyof KafkaFlags, 'ssl' | 'config'>): string | undefined => {
    const v = flags[k] ?? env[ENV[k]] ?? file[k];
    if (v === undefined) return undefined;
    if (k === 'brokers' && Array.isArray(v)) return v.join(',');
    return String(v);
  };
  const brokers = pick('brokers')
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!brokers?.length) return undefined;
  for (const b of brokers) if (!/^[^\s:]+:\d+$/.test(b)) throw new Error(`Kafka broker "${b}" must be HOST:PORT`);
  const mechanism = pick('saslMechanism');
  let sasl: KafkaOptions['sasl'];
  if (mechanism !== undefined) {
    if (!['plain', 'scram-sha-256', 'scram-sha-512'].includes(mechanism))
      throw new Error(`Kafka SASL mechanism must be plain, scram-sha-256 or scram-sha-512, got "${mechanism}"`);
    const username = pick('saslUsername');
    const password = pick('saslPassword');
    if (username === undefined || password === undefined)
      throw new Error(
        'Kafka SASL needs a username and a password (the password preferably from VUCRAWL_KAFKA_SASL_PASSWORD)',
      );
    sasl = { mechanism: mechanism as SaslMechanism, username, password };
  }
  const ssl =
    flags.ssl ??
    (env.VUCRAWL_KAFKA_SSL !== undefined
      ? env.VUCRAWL_KAFKA_SSL === '1' || env.VUCRAWL_KAFKA_SSL === 'true'
      : Boolean(file.ssl));
  const ca = pick('ca');
  return {
    brokers,
    clientId: pick('clientId') ?? KAFKA_DEFAULTS.clientId,
    ssl: ssl || ca !== undefined,
    ca,
    sasl,
    partitions: positiveInt(pick('partitions') ?? KAFKA_DEFAULTS.partitions, 'Kafka partitions'),
    replicationFactor: positiveInt(
      pick('replicationFactor') ?? KAFKA_DEFAULTS.replicationFactor,
      'Kafka replication factor',
    ),
  };
}

/** For logs and summaries: everything but the password. */
export function describeKafka(o: KafkaOptions): string {
  const extras = [
    `client ${o.clientId}`,
    ...(o.ssl ? ['TLS'] : []),
    ...(o.sasl ? [`SASL ${o.sasl.mechanism} as ${o.sasl.username}`] : []),
  ];
  return `Kafka ${o.brokers.join(',')} (${extras.join(', ')})`;
}

// kafkajs logs every failed reconnect at ERROR; our own code reports outages once, in
// plain words (spilled, retrying), so kafkajs's own lines go to debug.
const logCreator =
  (log: Logger) =>
  () =>
  ({ namespace, level, log: entry }: LogEntry) => {
    const { message, ...rest } = entry;
    log.debug({ kafkajs: namespace, level: logLevel[level], ...rest }, message);
  };

export function createKafka(o: KafkaOptions, log: Logger): Kafka {
  return new Kafka({
    clientId: o.clientId,
    brokers: o.brokers,
    ssl: o.ssl ? (o.ca ? { ca: [readFileSync(o.ca, 'utf8')] } : true) : undefined,
    sasl: o.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator: logCreator(log),
  });
}

/** Creates the topics that are missing (existing ones are left as they are). */
export async function ensureTopics(kafka: Kafka, o: KafkaOptions, topics: string[] = ALL_TOPICS): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: o.partitions,
          replicationFactor: o.replicationFactor,
          configEntries: COMPACTED_TOPICS.has(topic) ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
