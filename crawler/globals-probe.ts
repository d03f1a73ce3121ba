// Reads the JavaScript globals of capture/probes.ts (jQuery.fn.jquery, React.version, ...)
// in each frame's page world once the page settled, for the component catalog. The page's
// own code can answer such a read (a getter, a Proxy, a builtin it replaced), so every
// read runs under V8's side-effect check (throwOnSideEffect: a read whose code would write
// anything is aborted instead) and a timeout (a getter that loops is terminated). Only the
// roots a frame has are read, one evaluation per path, and what comes back is bounded by
// the probe list and MAX_GLOBAL_VALUE_CHARS.
import { GLOBAL_PROBES, MAX_GLOBAL_VALUE_CHARS } from '../capture/probes.js';
import type { CdpSession } from './cdp-connection.js';

const ROOTS = [...new Set(GLOBAL_PROBES.map((p) => p.split('.')[0]!))];
/** One evaluation: ample for a property chain, little for a hostile page to waste. */
const READ_TIMEOUT_MS = 200;

const ROOTS_EXPRESSION = `(() => {
  const roots = ${JSON.stringify(ROOTS)}, out = [];
  for (let i = 0; i < roots.length; i++) if (roots[i] in window) out.push(roots[i]);
  return out;
})()`;

/** A string as it is (cut), a number as text, anything else its typeof; nothing through a DOM node (an element id is a global too). */
const readExpression = (path: string): string => `(() => {
  let v = window;
  for (const k of ${JSON.stringify(path.split('.'))}) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || v instanceof Node) return undefined;
    v = v[k];
  }
  if (typeof v === 'string') return v.slice(0, ${MAX_GLOBAL_VALUE_CHARS});
  if (typeof v === 'number') return String(v);
  if (v === undefined || v === null || v instanceof Node) return undefined;
  return typeof v;
})()`;
const READS = new Map(GLOBAL_PROBES.map((p) => [p, readExpression(p)]));

async function evaluate(cdp: CdpSession, contextId: number, expression: string): Promise<unknown> {
  try {
    const r = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      returnByValue: true,
      throwOnSideEffect: true,
      timeout: READ_TIMEOUT_MS,
    });
    return r.exceptionDetails ? undefined : r.result?.value;
  } catch {
    return undefined; // terminated, or the frame went away
  }
}

/** The probed globals of each frame that has any, read until `deadline` (ms since the epoch). */
export async function probeGlobals(
  cdp: CdpSession,
  contexts: ReadonlyMap<string, number>,
  frameIds: string[],
  deadline: number,
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const frameId of frameIds) {
    const contextId = contexts.get(frameId);
    if (contextId === undefined) continue;
    if (Date.now() >= deadline) break;
    const roots = await evaluate(cdp, contextId, ROOTS_EXPRESSION);
    if (!Array.isArray(roots) || roots.length === 0) continue;
    const globals: Record<string, string> = {};
    for (const [path, expression] of READS) {
      if (!roots.includes(path.split('.')[0]) || Date.now() >= deadline) continue;
      const v = await evaluate(cdp, contextId, expression);
      if (typeof v === 'string') globals[path] = v.slice(0, MAX_GLOBAL_VALUE_CHARS);
    }
    if (Object.keys(globals).length > 0) out.set(frameId, globals);
  }
  return out;
}
