// The queues list (server-side filter, sort and paging, so it stays quick with 10,000 queues) and
// the form that declares a queue.
import { api, path } from '../api.js';
import { h, replace, fmt, link, section, parseJson, objectState } from '../dom.js';
import { pagedTable } from '../table.js';
import { field, input, textarea, checkbox, select, vhostSelect, form } from '../forms.js';
import { notice } from '../notify.js';
import { href, navigate } from '../router.js';
import { features } from '../features.js';

const COLUMNS = [
  { label: 'Name', sort: 'name', cell: (q) => link(href('queues', q.vhost, q.name), q.name, { class: 'queue-link' }) },
  { label: 'Virtual host', sort: 'vhost', cell: (q) => q.vhost },
  { label: 'Type', sort: 'type', cell: (q) => q.type || 'classic' },
  { label: 'Features', cell: features },
  { label: 'Policy', sort: 'policy', cell: (q) => q.policy || '' },
  { label: 'State', sort: 'state', cell: objectState },
  { label: 'Ready', sort: 'messages_ready', numeric: true, cell: (q) => fmt.num(q.messages_ready) },
  { label: 'Unacked', sort: 'messages_unacknowledged', numeric: true, cell: (q) => fmt.num(q.messages_unacknowledged) },
  { label: 'Total', sort: 'messages', numeric: true, cell: (q) => fmt.num(q.messages) },
  { label: 'Consumers', sort: 'consumers', numeric: true, cell: (q) => fmt.num(q.consumers) },
  { label: 'Incoming', sort: 'message_stats.publish_details.rate', numeric: true, cell: (q) => fmt.rate(q.message_stats?.publish_details) },
  { label: 'Deliver / get', sort: 'message_stats.deliver_get_details.rate', numeric: true, cell: (q) => fmt.rate(q.message_stats?.deliver_get_details) },
];

function createForm() {
  return form({
    submit: 'Add queue',
    id: 'create-queue',
    async onSubmit(v) {
      if (!v.name.trim()) throw new Error('The queue needs a name.');
      const args = parseJson(v.arguments, 'Arguments');
      if (v.type !== 'classic') args['x-queue-type'] = v.type;
      await api.put(path`/api/queues/${v.vhost}/${v.name}`, { durable: v.durable, auto_delete: v.auto_delete, arguments: args });
      notice(`Queue ${v.name} declared.`);
      navigate('queues', v.vhost, v.name);
    },
  },
  h('div', { class: 'row' },
    field('Virtual host', vhostSelect()),
    field('Name', input('name', { required: true })),
    field('Type', select('type', [['classic', 'Classic'], ['quorum', 'Quorum'], ['stream', 'Stream']], 'classic'))),
  h('div', { class: 'row' }, checkbox('durable', 'Durable', true), checkbox('auto_delete', 'Auto-delete')),
  field('Arguments', textarea('arguments', { rows: 3, placeholder: '{"x-message-ttl": 60000, "x-dead-letter-exchange": "dlx"}' }), 'JSON object, optional'));
}

export async function render(ctx) {
  replace(ctx.root,
    h('h1', {}, 'Queues'),
    section('All queues', pagedTable(ctx, { endpoint: '/api/queues', columns: COLUMNS, noun: 'queues' })),
    h('details', { class: 'card' }, h('summary', {}, 'Add a queue'), createForm()));
}
