// The exchanges list (server-side paging) and the form that declares an exchange.
import { api, path } from '../api.js';
import { h, replace, fmt, link, section, parseJson } from '../dom.js';
import { pagedTable } from '../table.js';
import { field, input, textarea, checkbox, select, vhostSelect, form } from '../forms.js';
import { notice } from '../notify.js';
import { href, navigate } from '../router.js';
import { features } from '../features.js';

/** The name the UI and the API use in paths for an exchange; the default exchange is "amq.default". */
export function exchangeId(name) {
  return name === '' ? 'amq.default' : name;
}

const COLUMNS = [
  { label: 'Name', sort: 'name', cell: (e) => link(href('exchanges', e.vhost, exchangeId(e.name)), fmt.exchange(e.name)) },
  { label: 'Virtual host', sort: 'vhost', cell: (e) => e.vhost },
  { label: 'Type', sort: 'type', cell: (e) => e.type },
  { label: 'Features', cell: features },
  { label: 'Policy', sort: 'policy', cell: (e) => e.policy || '' },
  { label: 'In', sort: 'message_stats.publish_in_details.rate', numeric: true, cell: (e) => fmt.rate(e.message_stats?.publish_in_details) },
  { label: 'Out', sort: 'message_stats.publish_out_details.rate', numeric: true, cell: (e) => fmt.rate(e.message_stats?.publish_out_details) },
];

function createForm() {
  return form({
    submit: 'Add exchange',
    id: 'create-exchange',
    async onSubmit(v) {
      if (!v.name.trim()) throw new Error('The exchange needs a name.');
      await api.put(path`/api/exchanges/${v.vhost}/${v.name}`, {
        type: v.type, durable: v.durable, auto_delete: v.auto_delete, internal: v.internal,
        arguments: parseJson(v.arguments, 'Arguments'),
      });
      notice(`Exchange ${v.name} declared.`);
      navigate('exchanges', v.vhost, v.name);
    },
  },
  h('div', { class: 'row' },
    field('Virtual host', vhostSelect()),
    field('Name', input('name', { required: true })),
    field('Type', select('type', ['direct', 'fanout', 'topic', 'headers'], 'direct'))),
  h('div', { class: 'row' }, checkbox('durable', 'Durable', true), checkbox('auto_delete', 'Auto-delete'), checkbox('internal', 'Internal')),
  field('Arguments', textarea('arguments', { rows: 2, placeholder: '{"alternate-exchange": "unrouted"}' }), 'JSON object, optional'));
}

export async function render(ctx) {
  replace(ctx.root,
    h('h1', {}, 'Exchanges'),
    section('All exchanges', pagedTable(ctx, { endpoint: '/api/exchanges', columns: COLUMNS, noun: 'exchanges' })),
    h('details', { class: 'card' }, h('summary', {}, 'Add an exchange'), createForm()));
}
