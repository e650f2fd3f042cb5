// One channel, as RabbitMQ's channel page shows it: a chart of its message rates, its connection,
// mode, state and prefetch, the messages it holds unacknowledged or unconfirmed, and its
// consumers with their queues. Refreshed every 5 s with one request.
import { api, path, query } from '../api.js';
import { h, replace, fmt, keyValues, section, link, show, objectState } from '../dom.js';
import { table } from '../table.js';
import { attemptFound } from '../notify.js';
import { href } from '../router.js';
import { SampleChart, MESSAGE_RATES, chartBox } from '../charts.js';
import { pageRange } from '../ranges.js';
import { channelMode } from '../channel-columns.js';

function details(c) {
  return keyValues({
    Connection: link(href('connections', c.connection_details.name), c.connection_details.name, { id: 'channel-connection' }),
    Username: c.user,
    'Virtual host': c.vhost,
    Mode: channelMode(c) || 'normal',
    State: objectState(c),
    'Prefetch count': fmt.num(c.prefetch_count),
    'Global prefetch count': fmt.num(c.global_prefetch_count),
    Node: c.node,
  });
}

function counts(c) {
  return keyValues({
    'Messages unacknowledged': fmt.num(c.messages_unacknowledged),
    'Messages unconfirmed': fmt.num(c.messages_unconfirmed),
    'Messages uncommitted': fmt.num(c.messages_uncommitted),
    'Acks uncommitted': fmt.num(c.acks_uncommitted),
  });
}

const CONSUMER_COLUMNS = [
  { label: 'Consumer tag', cell: (c) => c.consumer_tag },
  { label: 'Queue', cell: (c) => link(href('queues', c.queue.vhost, c.queue.name), c.queue.name, { class: 'queue-link' }) },
  { label: 'Ack required', cell: (c) => (c.ack_required ? 'yes' : 'no') },
  { label: 'Exclusive', cell: (c) => (c.exclusive ? 'yes' : 'no') },
  { label: 'Prefetch', numeric: true, cell: (c) => fmt.num(c.prefetch_count) },
  { label: 'Active', cell: (c) => (c.active === false ? 'no' : 'yes') },
  { label: 'Arguments', cell: (c) => (Object.keys(c.arguments || {}).length ? show(c.arguments) : '') },
];

export async function render(ctx, { name }) {
  const url = path`/api/channels/${name}`;
  const crumbs = h('p', { class: 'crumbs' }, link(href('channels'), 'Channels'));
  const detailsEl = h('div', { id: 'channel-details' });
  const countsEl = h('div', { id: 'channel-messages' });
  const consumersEl = h('div', { id: 'channel-consumers' });
  const rateChart = chartBox('channel-rates-chart', 'Message rates');
  const range = await pageRange('basic', () => refreshing.again());

  replace(ctx.root, crumbs, h('h1', {}, name),
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, 'Charts show', range.picker)),
    section('Message rates', rateChart.box),
    h('div', { class: 'grid two' }, section('Details', detailsEl), section('Messages', countsEl)),
    section('Consumers', consumersEl));
  const rates = new SampleChart(rateChart.canvas, MESSAGE_RATES, { rates: true });
  ctx.onDispose(() => rates.destroy());

  const refreshing = ctx.every(5000, async () => {
    const c = await attemptFound(() => api.get(query(url, range.query('msg_rates'))));
    if (c === null && ctx.active) {
      replace(ctx.root, crumbs, h('h1', {}, name), h('p', { class: 'muted', id: 'channel-gone' }, 'This channel is closed, or never existed.'));
      ctx.dispose();
    }
    if (!c || !ctx.active) return;
    rates.show(c.message_stats);
    replace(detailsEl, details(c));
    replace(countsEl, counts(c));
    replace(consumersEl, table(CONSUMER_COLUMNS, c.consumer_details || [], { empty: 'No consumers.' }));
  });
  await refreshing;
}
