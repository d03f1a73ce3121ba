// Where to draw a host-pair graph in the report's picture: a force-directed layout
// (Fruchterman and Reingold), computed here so that the report needs no script. It is
// deterministic (the same graph, the same picture): nodes start on a circle in name order,
// and the cooling schedule is fixed.

export interface Point {
  x: number;
  y: number;
}

const ITERATIONS = 300;

/** Positions of the nodes (by index) inside width x height, margin kept free on each side. */
export function layoutGraph(
  nodeCount: number,
  edges: readonly (readonly [number, number])[],
  box: { width: number; height: number; margin: number },
): Point[] {
  const n = nodeCount;
  if (n === 0) return [];
  const w = box.width - 2 * box.margin;
  const h = box.height - 2 * box.margin;
  if (n === 1) return [{ x: box.width / 2, y: box.height / 2 }];
  const k = Math.sqrt((w * h) / n);
  const pos: Point[] = Array.from({ length: n }, (_, i) => {
    // A circle whose radius varies with the index: no two nodes start where forces cancel.
    const a = (2 * Math.PI * i) / n;
    const r = 0.25 + (0.2 * ((i * 7) % 11)) / 11;
    return { x: w / 2 + r * w * Math.cos(a), y: h / 2 + r * h * Math.sin(a) };
  });
  for (let it = 0; it < ITERATIONS; it++) {
    const temperature = (Math.min(w, h) / 10) * (1 - it / ITERATIONS) + 0.5;
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i]!.x - pos[j]!.x;
        const dy = pos[i]!.y - pos[j]!.y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (k * k) / d;
        disp[i]!.x += (dx / d) * f;
        disp[i]!.y += (dy / d) * f;
        disp[j]!.x -= (dx / d) * f;
        disp[j]!.y -= (dy / d) * f;
      }
    for (const [s, t] of edges) {
      if (s === t) continue;
      const dx = pos[s]!.x - pos[t]!.x;
      const dy = pos[s]!.y - pos[t]!.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (d * d) / k;
      disp[s]!.x -= (dx / d) * f;
      disp[s]!.y -= (dy / d) * f;
      disp[t]!.x += (dx / d) * f;
      disp[t]!.y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      // A little gravity keeps unconnected parts of the graph on the picture.
      disp[i]!.x += (w / 2 - pos[i]!.x) * 0.05 * (k / 10);
      disp[i]!.y += (h / 2 - pos[i]!.y) * 0.05 * (k / 10);
      const d = Math.max(Math.hypot(disp[i]!.x, disp[i]!.y), 0.01);
      const step = Math.min(d, temperature);
      pos[i]!.x = Math.min(w, Math.max(0, pos[i]!.x + (disp[i]!.x / d) * step));
      pos[i]!.y = Math.min(h, Math.max(0, pos[i]!.y + (disp[i]!.y / d) * step));
    }
  }
  // Scaled to fill the box: a layout that settled in a corner uses the whole picture.
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 - x0 > 1 ? w / (x1 - x0) : 0;
  const sy = y1 - y0 > 1 ? h / (y1 - y0) : 0;
  return pos.map((p) => ({
    x: box.margin + (sx ? (p.x - x0) * sx : w / 2),
    y: box.margin + (sy ? (p.y - y0) * sy : h / 2),
  }));
}
