// Overview: object totals, queued messages, the node, and charts of message rates and queue
// lengths over the chosen range, drawn from the broker's own samples and refreshed every 5 s.
import { api, hasTag, query } from '../api.js';
import { h, replace, fmt, section } from '../dom.js';
import { attempt } from '../notify.js';
import { SampleChart, MESSAGE_RATES, QUEUE_LENGTHS, chartBox } from '../charts.js';
import { pageRange } from '../ranges.js';

function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
}

export async function render(ctx) {
  const totals = h('div', { class: 'stats', id: 'object-totals' });
  const queued = h('div', { class: 'stats', id: 'queued-messages' });
  const node = h('div', { id: 'node-info' });
  const rateChart = chartBox('rates-chart', 'Message rates');
  const lengthChart = chartBox('lengths-chart', 'Queued messages');
  const title = h('h1', {}, 'Overview');
  const range = await pageRange('global', () => refresh.again());

  replace(ctx.root, title,
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, 'Charts show', range.picker)),
    h('div', { class: 'grid two' },
      section('Message rates', rateChart.box),
      section('Queued messages', lengthChart.box, queued)),
    h('div', { class: 'grid two' }, section('Totals', totals), section('Node', node)));

  const rates = new SampleChart(rateChart.canvas, MESSAGE_RATES, { rates: true });
  const lengths = new SampleChart(lengthChart.canvas, QUEUE_LENGTHS);
  ctx.onDispose(() => { rates.destroy(); lengths.destroy(); });

  const refresh = ctx.every(5000, async () => {
    const overview = await attempt(() => api.get(query('/api/overview', range.query('lengths', 'msg_rates'))));
    if (!overview || !ctx.active) return;
    rates.show(overview.message_stats);
    const q = overview.queue_totals || {};
    lengths.show(q);

    replace(title, 'Overview', h('span', { class: 'muted subtitle' },
      `${overview.product_name || 'Warren'} ${overview.product_version || ''} · ${overview.cluster_name || ''}`));
    const o = overview.object_totals || {};
    replace(totals, ['connections', 'channels', 'exchanges', 'queues', 'consumers'].map((k) =>
      stat(k[0].toUpperCase() + k.slice(1), fmt.num(o[k] ?? 0), `total-${k}`)));
    replace(queued, QUEUE_LENGTHS.map((s) => stat(s.label, fmt.num(q[s.key] ?? 0))));
    await showNode(node, overview);
  });
  await refresh;
}

async function showNode(el, overview) {
  const rows = [['Name', overview.node || '–'], ['Version', `${overview.product_name || ''} ${overview.product_version || ''}`]];
  // Node statistics need the monitoring tag; for anyone else the API answers 401.
  if (hasTag('monitoring', 'administrator') && overview.node) {
    const nodes = await attempt(() => api.get('/api/nodes'));
    const n = nodes && nodes.find((x) => x.name === overview.node);
    if (n) {
      rows.push(['Uptime', fmt.duration(n.uptime)],
        ['Memory', `${fmt.bytes(n.mem_used)} of ${fmt.bytes(n.mem_limit)}${n.mem_alarm ? ' – ALARM' : ''}`],
        ['Disk free', `${fmt.bytes(n.disk_free)} (limit ${fmt.bytes(n.disk_free_limit)})${n.disk_free_alarm ? ' – ALARM' : ''}`],
        ['File descriptors', `${fmt.num(n.fd_used)} of ${fmt.num(n.fd_total)}`]);
    }
  }
  const listeners = (overview.listeners || []).map((l) => `${l.protocol} ${l.ip_address}:${l.port}`).join(', ');
  if (listeners) rows.push(['Listeners', listeners]);
  replace(el, h('table', { class: 'kv' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))))));
}
