// Vitest global setup: every temporary folder the run makes (data folders, brokers' logs,
// browser profiles, the CLI's outputs) goes under one root, removed when the run ends, so
// test runs do not pile up folders in the system's temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'vucrawl-test-run-'));
  // os.tmpdir() reads TMPDIR; test workers and the processes tests start inherit it.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
