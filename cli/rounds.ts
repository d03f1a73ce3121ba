// Commands that work in rounds (monitor run, brand run): one round with --once, else a round
// every so often until SIGINT or SIGTERM, which end the loop after the round in progress
// (its events stored, its alerts delivered) rather than in the middle of it.
import type { Logger } from 'pino';
import { sleep } from '../runtime/timing.js';

export interface Rounds {
  once: boolean | undefined;
  /** The wait between the end of one round and the start of the next. */
  everyMs: number;
  /** What a round works on, for the message on a signal ("monitor", "brand"). */
  what: string;
  log: Logger;
}

export async function inRounds(o: Rounds, round: () => Promise<void>): Promise<void> {
  let stop = false;
  const onSignal = () => {
    stop = true;
    o.log.warn(`stopping after the ${o.what} in progress`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    do {
      await round();
      if (!o.once) for (let waited = 0; waited < o.everyMs && !stop; waited += 1000) await sleep(1000);
    } while (!o.once && !stop);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
