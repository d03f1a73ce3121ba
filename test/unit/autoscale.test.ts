// The autoscaler's rule on plain readings: quick to grow, slow to shrink, bounded.
import { describe, expect, it } from 'vitest';
import { AUTOSCALE_DEFAULTS, nextLimit, startLimit, type AutoscaleReading } from '../../crawler/autoscale.js';

const o = { ...AUTOSCALE_DEFAULTS, min: 2, max: 8 };
const read = (busy: number[], more: Partial<AutoscaleReading> = {}): AutoscaleReading => ({
  busy,
  memoryLow: false,
  wanted: true,
  ...more,
});

describe('autoscale', () => {
  it('grows by one while the CPU has room and work waits, up to the ceiling', () => {
    expect(nextLimit(4, read([0.5]), o)).toBe(5);
    expect(nextLimit(8, read([0.5]), o)).toBe(8);
    // No work waiting: an idle crawl says nothing about its CPU.
    expect(nextLimit(4, read([0.5], { wanted: false }), o)).toBe(4);
    // Between the two thresholds: stays.
    expect(nextLimit(4, read([0.95]), o)).toBe(4);
  });

  it('shrinks only once the CPU was saturated for shrinkAfter intervals running', () => {
    expect(nextLimit(6, read([0.99]), o)).toBe(6);
    expect(nextLimit(6, read([0.99, 0.99]), o)).toBe(6);
    expect(nextLimit(6, read([0.5, 0.99, 0.99]), o)).toBe(6);
    expect(nextLimit(6, read([0.99, 0.99, 0.99]), o)).toBe(5);
    expect(nextLimit(2, read([0.99, 0.99, 0.99]), o)).toBe(2);
  });

  it('gives one back as soon as memory runs low, and never grows then', () => {
    expect(nextLimit(6, read([0.2], { memoryLow: true }), o)).toBe(5);
    expect(nextLimit(2, read([0.2], { memoryLow: true }), o)).toBe(2);
  });

  it('starts at two pages a core, within the bounds', () => {
    expect(startLimit(o, 1)).toBe(2);
    expect(startLimit(o, 2)).toBe(4);
    expect(startLimit(o, 16)).toBe(8);
  });
});
