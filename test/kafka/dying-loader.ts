// A loader that SIGKILLs itself right after its first insert, before that batch's commit:
// the crash the loader's exactly-once protocol must survive. The fault enters through the
// loader's afterInsert hook; pipeline.test.ts runs this file as a child process:
//   node dist/test/kafka/dying-loader.js BROKERS GROUP DATA_DIR
import pino from 'pino';
import { openApplied } from '../../store/open.js';
import { createKafka, kafkaOptions } from '../../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS } from '../../sinks/kafka/loader.js';

const [brokers, groupId, dataDir] = process.argv.slice(2);
if (!brokers || !groupId || !dataDir) throw new Error('usage: dying-loader.js BROKERS GROUP DATA_DIR');
const log = pino({ level: 'warn' });
const ko = kafkaOptions({ brokers })!;
const { store, db } = await openApplied({ dataDir }, log);
const loader = new Loader(
  createKafka(ko, log),
  ko,
  store.client,
  {
    ...LOADER_DEFAULTS,
    db,
    groupId,
    untilCaughtUp: true,
    afterInsert: () => process.kill(process.pid, 'SIGKILL'),
  },
  log,
);
await loader.run();
