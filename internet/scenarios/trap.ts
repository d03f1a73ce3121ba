// An infinite calendar: every month links to the next and previous month and to its
// days; every day links to its neighbours. The frontier must stop on its own bounds.

import { page, send } from '../respond.js';
import type { Scenario } from '../types.js';

const pad = (n: number): string => String(n).padStart(2, '0');
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const monthUrl = (y: number, m: number): string => `/calendar/${y}/${pad(m)}`;
const dayUrl = (y: number, m: number, d: number): string => `${monthUrl(y, m)}/${pad(d)}`;
const shiftMonth = (y: number, m: number, by: 1 | -1): [number, number] =>
  m + by > 12 ? [y + 1, 1] : m + by < 1 ? [y - 1, 12] : [y, m + by];

function shiftDay(y: number, m: number, d: number, by: 1 | -1): [number, number, number] {
  if (by === 1) {
    if (d < daysIn(y, m)) return [y, m, d + 1];
    const [ny, nm] = shiftMonth(y, m, 1);
    return [ny, nm, 1];
  }
  if (d > 1) return [y, m, d - 1];
  const [py, pm] = shiftMonth(y, m, -1);
  return [py, pm, daysIn(py, pm)];
}

export const crawlerTrap: Scenario = {
  name: 'crawler-trap',
  seed: 'http://www.calendartrap.test/calendar/2026/11',
  loads: ['GET http://www.calendartrap.test/calendar/2026/11'],
  routes: [
    { host: 'www.calendartrap.test', path: '/', handler: page('Events', '<a href="/calendar/2026/11">Calendar</a>') },
    {
      host: 'www.calendartrap.test',
      path: '/calendar/*',
      handler: (req, res) => {
        const m = /^\/calendar\/(\d{4})\/(\d{2})(?:\/(\d{2}))?$/.exec(req.url.pathname);
        const y = Number(m?.[1]);
        const mo = Number(m?.[2]);
        const d = m?.[3] === undefined ? 0 : Number(m[3]);
        if (!m || y < 1000 || mo < 1 || mo > 12 || d > daysIn(y, mo)) {
          send(res, 404, 'text/plain', 'no such date\n');
          return;
        }
        if (d === 0) {
          const [py, pm] = shiftMonth(y, mo, -1);
          const [ny, nm] = shiftMonth(y, mo, 1);
          const days = Array.from(
            { length: daysIn(y, mo) },
            (_, i) => `<a href="${dayUrl(y, mo, i + 1)}">${i + 1}</a>`,
          ).join(' ');
          page(
            `Calendar ${y}-${pad(mo)}`,
            `<a rel="prev" href="${monthUrl(py, pm)}">Previous month</a> | <a rel="next" href="${monthUrl(ny, nm)}">Next month</a>\n<p>${days}</p>`,
          )(req, res);
          return;
        }
        const [py, pm, pd] = shiftDay(y, mo, d, -1);
        const [ny, nm, nd] = shiftDay(y, mo, d, 1);
        page(
          `Events on ${y}-${pad(mo)}-${pad(d)}`,
          `<a href="${dayUrl(py, pm, pd)}">Previous day</a> | <a href="${monthUrl(y, mo)}">Month</a> | <a href="${dayUrl(ny, nm, nd)}">Next day</a>\n<p>No events.</p>`,
        )(req, res);
      },
    },
  ],
};

export const trapScenarios: Scenario[] = [crawlerTrap];
