// The soak bench's process checks on real processes: a tree sampled from /proc, and a
// process left behind by a parent that exited (as a renderer is when its browser dies)
// found by its process group.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleTree, survivorsOf } from '../../bench/proc-tree.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('proc-tree', () => {
  it('samples a tree and finds the orphan its group left behind', async () => {
    // A group leader (like Playwright's detached browser) that starts a child, prints its pid and waits.
    const leader = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
         console.log(c.pid); setTimeout(() => {}, 60000);`,
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const orphan = Number(
      await new Promise<string>((resolve) => leader.stdout!.once('data', (d) => resolve(String(d)))),
    );
    try {
      const tree = sampleTree(leader.pid!);
      expect(tree.map((p) => p.pid).sort()).toEqual([leader.pid, orphan].sort());
      for (const p of tree) {
        expect(p.pgid).toBe(leader.pid);
        expect(p.kind).toBe('node');
        expect(p.fds).toBeGreaterThan(2);
        expect(p.rss).toBeGreaterThan(1 << 20);
      }
      const bin = path.dirname(process.execPath);
      leader.kill('SIGKILL');
      await new Promise((r) => leader.once('exit', r));
      // The child outlived its parent and keeps the group: a survivor; another folder's executables are not.
      expect(survivorsOf(new Set([leader.pid!]), bin).map((s) => s.pid)).toEqual([orphan]);
      expect(survivorsOf(new Set([leader.pid!]), '/nonexistent')).toEqual([]);
      process.kill(orphan, 'SIGKILL');
      for (let i = 0; i < 50 && alive(orphan); i++) await new Promise((r) => setTimeout(r, 20));
      expect(survivorsOf(new Set([leader.pid!]), bin)).toEqual([]);
    } finally {
      for (const pid of [leader.pid!, orphan]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
