// One exchange: its settings and a chart of its message rates, the bindings from and to it,
// publishing through it, deleting it.
import { api, path, query } from '../api.js';
import { h, replace, fmt, keyValues, section, link } from '../dom.js';
import { publishForm } from '../forms.js';
import { bindingsTable, bindForm } from '../bindings.js';
import { attempt, notice, confirmAction } from '../notify.js';
import { href, navigate } from '../router.js';
import { features } from '../features.js';
import { SampleChart, MESSAGE_RATES, chartBox } from '../charts.js';
import { pageRange } from '../ranges.js';

export async function render(ctx, { vhost, name }) {
  const url = path`/api/exchanges/${vhost}/${name}`;
  const isDefault = name === 'amq.default';
  const stateEl = h('div', {});
  const outgoing = h('div', { id: 'exchange-bindings-source' });
  const incoming = h('div', { id: 'exchange-bindings-destination' });
  const rateChart = chartBox('exchange-rates-chart', 'Message rates');
  const range = await pageRange('basic', () => refreshing.again());
  let rates;

  async function refresh() {
    const e = await attempt(() => api.get(query(url, range.query('msg_rates'))));
    if (!e || !ctx.active) return;
    rates.show(e.message_stats);
    replace(stateEl,
      keyValues({
        Type: e.type, Features: features(e).map((t) => t.title).join(', ') || 'none', Policy: e.policy || 'none',
        'Messages in': fmt.rate(e.message_stats?.publish_in_details), 'Messages out': fmt.rate(e.message_stats?.publish_out_details),
      }),
      h('h3', {}, 'Arguments'), keyValues(e.arguments, 'No arguments.'));
  }

  async function refreshBindings() {
    if (isDefault) {
      replace(outgoing, h('p', { class: 'muted' }, 'The default exchange routes to the queue named by the routing key; it has no other bindings.'));
      return;
    }
    const [from, to] = await Promise.all([
      attempt(() => api.get(`${url}/bindings/source`)),
      attempt(() => api.get(`${url}/bindings/destination`)),
    ]);
    if (!ctx.active) return;
    if (from) replace(outgoing, bindingsTable(from, 'destination', refreshBindings));
    if (to) replace(incoming, bindingsTable(to, 'source', refreshBindings));
  }

  const deletable = !isDefault && !name.startsWith('amq.');
  replace(ctx.root,
    h('p', { class: 'crumbs' }, link(href('exchanges'), 'Exchanges'), ' / ', vhost),
    h('h1', {}, fmt.exchange(isDefault ? '' : name)),
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, 'Charts show', range.picker)),
    h('div', { class: 'grid two' }, section('Details', stateEl), section('Message rates', rateChart.box)),
    section('Bindings from this exchange', outgoing,
      isDefault ? null : [h('h3', {}, 'Add a binding'), bindForm(vhost, { source: name }, refreshBindings)]),
    isDefault ? null : section('Bindings to this exchange', incoming),
    section('Publish message', publishForm(vhost, isDefault ? '' : name)),
    deletable ? section('Danger zone', h('button', { type: 'button', class: 'danger', onClick: async () => {
      if (!(await confirmAction(`Delete the exchange ${name}?`, 'Delete'))) return;
      if ((await attempt(() => api.del(url))) !== undefined) {
        notice(`Exchange ${name} deleted.`);
        navigate('exchanges');
      }
    } }, 'Delete exchange')) : null);

  rates = new SampleChart(rateChart.canvas, MESSAGE_RATES, { rates: true });
  ctx.onDispose(() => rates.destroy());
  const refreshing = ctx.every(5000, refresh);
  await refreshing;
  await refreshBindings();
}
