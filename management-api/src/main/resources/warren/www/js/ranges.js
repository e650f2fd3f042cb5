// The time range charts show, as RabbitMQ's "chart range": one choice for every page, kept in
// localStorage, and offered only as far back as the broker keeps samples. The overview's
// `sample_retention_policies` says how far: `global` for the overview (the broker as a whole),
// `basic` for queues, connections and channels.
import { api } from './api.js';
import { h } from './dom.js';

const KEY = 'warren.chart-range';

// RabbitMQ's ranges: how far back (s) and the step between points (s).
const RANGES = [
  { age: 60, incr: 5, label: 'Last minute' },
  { age: 600, incr: 5, label: 'Last ten minutes' },
  { age: 3600, incr: 60, label: 'Last hour' },
  { age: 28800, incr: 600, label: 'Last eight hours' },
  { age: 86400, incr: 1800, label: 'Last day' },
];

let retention;

// Asked once per tab: what the broker keeps does not change while it runs.
function retentionPolicies() {
  if (!retention) {
    retention = api.get('/api/overview').then((o) => o.sample_retention_policies || {}).catch((e) => {
      retention = undefined;
      throw e;
    });
  }
  return retention;
}

/** The ranges offered for `kind` ('global' or 'basic'); the last minute always is. */
export async function offeredRanges(kind) {
  const ages = (await retentionPolicies())[kind] || [];
  return RANGES.filter((r) => r.age === 60 || ages.includes(r.age));
}

/** The chosen range, or the longest offered one that is not longer. */
export function chosenRange(offered) {
  const [age] = (localStorage.getItem(KEY) || '60|5').split('|').map(Number);
  return offered.filter((r) => r.age <= age).pop() || offered[0];
}

/** The API's range parameters (`<prefix>_age`, `<prefix>_incr`) for `range`, per prefix. */
export function rangeQuery(range, ...prefixes) {
  return Object.fromEntries(prefixes.flatMap((p) => [[`${p}_age`, range.age], [`${p}_incr`, range.incr]]));
}

/** A select of the offered ranges; choosing one remembers it and runs `onChange(range)`. */
export function rangePicker(offered, onChange) {
  const current = chosenRange(offered);
  const select = h('select', { class: 'range-picker', 'aria-label': 'Chart range' }, offered.map((r) =>
    h('option', { value: `${r.age}|${r.incr}`, selected: r === current }, r.label)));
  select.addEventListener('change', () => {
    localStorage.setItem(KEY, select.value);
    onChange(chosenRange(offered));
  });
  return select;
}

/**
 * The range of one page's charts: `query(...prefixes)` gives the parameters for its requests,
 * `picker` lets the user change it, which runs `onChange`.
 */
export async function pageRange(kind, onChange) {
  const offered = await offeredRanges(kind);
  const page = { range: chosenRange(offered) };
  page.picker = rangePicker(offered, (range) => {
    page.range = range;
    onChange();
  });
  page.query = (...prefixes) => rangeQuery(page.range, ...prefixes);
  return page;
}
