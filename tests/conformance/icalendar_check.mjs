// Reads kpress's calendars with ical.js, as calendar applications do, and checks each event's
// instant against /api/v1/schedule. Usage: node icalendar_check.mjs PORT. Prints "N passed, M failed".
import { join } from "node:path";
import { pathToFileURL } from "node:url";
// The package's own ES module, found where scripts/install-deps put node_modules.
const { default: ICAL } = await import(pathToFileURL(join(process.env.NODE_PATH, "ical.js/dist/ical.js")));

import { check, get, finish } from "./checks.mjs";
// The events of a calendar, with its VTIMEZONEs registered so TZID times resolve through them.
async function calendar(path) {
  const res = await get(path);
  check(`${path}: 200 text/calendar`, res.status === 200 && res.type === "text/calendar; charset=utf-8", res.type);
  const root = new ICAL.Component(ICAL.parse(res.text));
  const zones = root.getAllSubcomponents("vtimezone");
  for (const vtimezone of zones) ICAL.TimezoneService.register(vtimezone);
  const events = root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  return { root, zones, events };
}
async function schedule(from, to) {
  return JSON.parse((await get(`/api/v1/schedule?from=${from}&to=${to}&tz=UTC`)).text).items;
}
const iso = (date) => date.toISOString().replace(".000Z", "Z");

// Every TZID used has its VTIMEZONE, and each event is at the instant the API gives.
async function sameInstants(path, airings, expectedCount) {
  const { root, zones, events } = await calendar(path);
  const zoneIds = new Set(zones.map((z) => z.getFirstPropertyValue("tzid")));
  const used = new Set(events.map((e) => e.startDate.zone?.tzid).filter((z) => z && z !== "floating" && z !== "UTC"));
  check(`${path}: a VTIMEZONE for every TZID used (${[...used]})`, [...used].every((z) => zoneIds.has(z)));
  check(`${path}: ${expectedCount} events`, events.length === expectedCount, events.length);
  check(`${path}: UIDs unique`, new Set(events.map((e) => e.uid)).size === events.length);
  const byUid = new Map(events.map((e) => [e.uid, e]));
  let same = 0;
  for (const a of airings) {
    if (a.kind === "preempted") continue;
    const event = [...byUid.values()].find((e) => e.uid.startsWith(`${a.show.slug}/episode-${a.episode}@`));
    if (event && iso(event.startDate.toJSDate()) === a.start_utc) same++;
    else console.log(`  ${a.show.slug} ${a.label}: calendar ${event && iso(event.startDate.toJSDate())}, API ${a.start_utc}`);
  }
  const episodes = airings.filter((a) => a.kind === "episode").length;
  check(`${path}: ${episodes} episodes at the API's instants`, same === episodes, `${same}`);
  return { root, events };
}

// Run On, in Seoul time: 16 episodes from 16 December 2020.
const runOn = await sameInstants("/shows/run-on/calendar.ics", await schedule("2020-12-16", "2021-02-10"), 16);
const first = runOn.events.find((e) => e.uid.startsWith("run-on/episode-1@"));
check("Run On: episode 1 at 21:00 in Seoul", first.startDate.toString() === "2020-12-16T21:00:00" && first.startDate.zone?.tzid === "Asia/Seoul",
      `${first.startDate.toString()} ${first.startDate.zone?.tzid}`);
check("Run On: summary and location", first.summary === "Run On · Épisode 1" && first.location === "JTBC", first.summary);

// New York, across the change to summer time on 14 March 2021, with episode 3 moved.
const ny = await sameInstants("/shows/new-york-nights/calendar.ics", await schedule("2021-03-01", "2021-04-01"), 4);
const nyStart = (n) => iso(ny.events.find((e) => e.uid.startsWith(`new-york-nights/episode-${n}@`)).startDate.toJSDate());
check("New York: 20:00 EST is 01:00 UTC", nyStart(1) === "2021-03-08T01:00:00Z", nyStart(1));
check("New York: 20:00 EDT is 00:00 UTC", nyStart(2) === "2021-03-15T00:00:00Z", nyStart(2));
check("New York: the moved episode at 22:30 EDT", nyStart(3) === "2021-03-22T02:30:00Z", nyStart(3));
const moved = ny.events.find((e) => e.uid.startsWith("new-york-nights/episode-3@"));
check("New York: the moved episode's SEQUENCE is 1", moved.sequence === 1, moved.sequence);

// The site-wide calendar: a month back and four ahead, Paris across its own changes of time.
const today = new Date();
const day = (offset) => new Date(today.getTime() + offset * 86400000).toISOString().slice(0, 10);
const window = [...await schedule(day(-31), day(59)), ...await schedule(day(60), day(122))];
// The calendar's window is 31 days back and 122 ahead of the instant it is made, not whole days:
// compared within what it holds whenever, between these two instants, it was made.
const before = Date.now();
const site = await calendar("/schedule.ics");
const after = Date.now();
const held = (t) => t >= after - 31 * 86400000 && t < before + 122 * 86400000;
const inWindow = site.events.filter((e) => e.uid.startsWith("paris-now/") && held(e.startDate.toJSDate().getTime()));
const parisAirings = window.filter((a) => a.show.slug === "paris-now" && held(Date.parse(a.start_utc)));
check("site calendar: Paris Now's airings of the season", inWindow.length === parisAirings.length && inWindow.length > 10,
      `${inWindow.length} vs ${parisAirings.length}`);
check("site calendar: each at the API's instant",
      parisAirings.every((a) => inWindow.some((e) => iso(e.startDate.toJSDate()) === a.start_utc)));

// Birthdays: yearly, and a 29 February on 1 March in common years.
const birthdays = await calendar("/birthdays.ics");
function occurrences(uidStart, years) {
  const event = birthdays.events.find((e) => e.uid.startsWith(uidStart));
  const it = event.iterator();
  const out = [];
  for (let next = it.next(); next && next.year <= years; next = it.next()) out.push(next.toString());
  return out;
}
const siwan = occurrences("birthday/im-siwan@", 2027);
check("birthdays: Im Siwan every 1 December", siwan.length === 2027 - 1988 + 1 && siwan.at(-1) === "2027-12-01", siwan.at(-1));
const leap = occurrences("birthday/leap-star@", 2028);
check("birthdays: the leap day on 29 February in leap years", leap.includes("2024-02-29") && leap.includes("2028-02-29"));
check("birthdays: and on 1 March in the others", leap.includes("2025-03-01") && !leap.some((d) => d.startsWith("2025-02")));

finish();
