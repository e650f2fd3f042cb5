// Line charts drawn with Chart.js (loaded from its WebJar as the global `Chart`) from the samples
// the broker keeps: each refresh asks the API for a range (see ranges.js) and redraws the whole
// chart from the `<field>_details.samples` it answers, as RabbitMQ's UI does, so a chart shows
// history from before the page was opened.
import { fmt, h } from './dom.js';

// RabbitMQ's chart colours, in its order.
const PALETTE = ['#edc240', '#afd8f8', '#cb4b4b', '#4da74d', '#9440ed', '#666666', '#aaaaaa',
  '#7c79c3', '#8e6767', '#67808e', '#e5e4ae', '#4b4a55', '#bba0c1'];

/** The message rates RabbitMQ's pages chart, in its order; a chart shows those the object has. */
export const MESSAGE_RATES = [
  { key: 'publish', label: 'Publish' },
  { key: 'confirm', label: 'Publisher confirm' },
  { key: 'publish_in', label: 'Publish (in)' },
  { key: 'publish_out', label: 'Publish (out)' },
  { key: 'deliver', label: 'Deliver (manual ack)' },
  { key: 'deliver_no_ack', label: 'Deliver (auto ack)' },
  { key: 'ack', label: 'Consumer ack' },
  { key: 'redeliver', label: 'Redelivered' },
  { key: 'get', label: 'Get (manual ack)' },
  { key: 'get_no_ack', label: 'Get (auto ack)' },
  { key: 'get_empty', label: 'Get (empty)' },
  { key: 'return_unroutable', label: 'Unroutable (return)' },
  { key: 'drop_unroutable', label: 'Unroutable (drop)' },
];

export const QUEUE_LENGTHS = [
  { key: 'messages_ready', label: 'Ready' },
  { key: 'messages_unacknowledged', label: 'Unacked' },
  { key: 'messages', label: 'Total' },
];

export const DATA_RATES = [
  { key: 'recv_oct', label: 'From client' },
  { key: 'send_oct', label: 'To client' },
];

/**
 * The points of one field: its samples as they are (a length), or for a counter the rate per
 * second over each step between samples, placed at the step's end. Samples come newest first;
 * points go oldest first, as {x: epoch ms, y}.
 */
export function points(details, rates) {
  const samples = (details && details.samples) || [];
  const out = [];
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (!rates) {
      out.push({ x: s.timestamp, y: s.sample });
    } else if (i < samples.length - 1) {
      const older = samples[i + 1];
      const ms = s.timestamp - older.timestamp;
      out.push({ x: s.timestamp, y: ms > 0 ? ((s.sample - older.sample) * 1000) / ms : 0 });
    }
  }
  return out;
}

const time = (ms) => new Date(ms).toLocaleTimeString();

// Text and grid lines in the page's own colours, light or dark.
function themed() {
  const css = getComputedStyle(document.documentElement);
  window.Chart.defaults.color = css.getPropertyValue('--muted').trim() || window.Chart.defaults.color;
  window.Chart.defaults.borderColor = css.getPropertyValue('--line').trim() || window.Chart.defaults.borderColor;
}

/**
 * A chart of named series (`[{key, label}]`) read from an object's statistics. `rates`: the
 * fields are counters, charted as rates per second; otherwise they are charted as they are.
 * `bytes`: the values are octets (data rates).
 */
export class SampleChart {
  constructor(canvas, series, { rates = false, bytes = false } = {}) {
    this.series = series;
    this.rates = rates;
    this.missing = new Set(series.map((_, i) => i));
    themed();
    const value = (v) => (bytes ? `${fmt.bytes(v)}${rates ? '/s' : ''}` : `${fmt.decimal(v)}${rates ? '/s' : ''}`);
    this.chart = new window.Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label, data: [], borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length], borderWidth: 2, pointRadius: 0, tension: 0, fill: false,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { type: 'linear', bounds: 'data', ticks: { maxTicksLimit: 6, callback: time } },
          y: { beginAtZero: true, ticks: { callback: value, maxTicksLimit: 6 } },
        },
        plugins: {
          // Series the object does not have (no `<field>_details`) stay out of the legend.
          legend: { position: 'bottom', labels: { boxWidth: 12, filter: (item) => !this.absent(item.datasetIndex) } },
          tooltip: { callbacks: { title: (items) => (items.length ? time(items[0].parsed.x) : ''), label: (c) => `${c.dataset.label}: ${value(c.parsed.y)}` } },
        },
      },
    });
  }

  absent(index) {
    return this.missing.has(index);
  }

  /** Redraws every series from `stats`, the object holding the `<key>_details` fields. */
  show(stats) {
    this.missing.clear();
    this.series.forEach((s, i) => {
      const details = stats && stats[`${s.key}_details`];
      if (!details) this.missing.add(i);
      this.chart.data.datasets[i].data = points(details, this.rates);
    });
    this.chart.update('none');
  }

  destroy() {
    this.chart.destroy();
  }
}

/** A canvas for a chart, with its id and accessible name, in the box that sizes it. */
export function chartBox(id, label) {
  const canvas = h('canvas', { id, 'aria-label': label });
  return { canvas, box: h('div', { class: 'chart' }, canvas) };
}
