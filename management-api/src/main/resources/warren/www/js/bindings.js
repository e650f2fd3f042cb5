// Bindings as the queue and exchange pages show them: a table with a remove button per binding,
// and a form that adds one.
import { api, path } from './api.js';
import { h, fmt, link, show, parseJson } from './dom.js';
import { table } from './table.js';
import { field, input, textarea, select, form } from './forms.js';
import { attempt, notice, confirmAction } from './notify.js';
import { href } from './router.js';

function endpoint(b) {
  const kind = b.destination_type === 'queue' ? 'q' : 'e';
  return path`/api/bindings/${b.vhost}/e/${b.source}/` + kind + path`/${b.destination}/${b.properties_key}`;
}

function objectLink(vhost, type, name) {
  return type === 'queue'
    ? link(href('queues', vhost, name), name)
    : link(href('exchanges', vhost, name === '' ? 'amq.default' : name), fmt.exchange(name));
}

/** A bindings table; `side` is "source" or "destination": the column that names the other end. */
export function bindingsTable(bindings, side, onChange) {
  const columns = [
    side === 'source'
      ? { label: 'From exchange', cell: (b) => objectLink(b.vhost, 'exchange', b.source) }
      : { label: 'To', cell: (b) => [objectLink(b.vhost, b.destination_type, b.destination), ` (${b.destination_type})`] },
    { label: 'Routing key', cell: (b) => b.routing_key },
    { label: 'Arguments', cell: (b) => (Object.keys(b.arguments || {}).length ? show(b.arguments) : '') },
    { label: '', cell: (b) => (b.source === '' ? h('span', { class: 'muted' }, 'default binding') : h('button', {
      type: 'button', class: 'secondary small', dataset: { unbind: b.routing_key },
      onClick: async () => {
        if (!(await confirmAction(`Remove the binding from ${fmt.exchange(b.source)} to ${b.destination} with key "${b.routing_key}"?`, 'Unbind'))) return;
        if ((await attempt(() => api.del(endpoint(b)))) !== undefined) {
          notice('Binding removed.');
          onChange();
        }
      },
    }, 'Unbind')) },
  ];
  return table(columns, bindings, { empty: 'No bindings.' });
}

/**
 * Adds a binding. For a queue, `fixed` is {destination_type: 'queue', destination}; for an
 * exchange, {source}; the form asks for the other end.
 */
export function bindForm(vhost, fixed, onDone) {
  return form({
    submit: 'Bind',
    className: 'stack bind-form',
    async onSubmit(v) {
      const source = fixed.source ?? v.source;
      const destination = fixed.destination ?? v.destination;
      const kind = (fixed.destination_type ?? v.destination_type) === 'queue' ? 'q' : 'e';
      if (!source || !destination) throw new Error('Both ends of the binding need a name.');
      await api.post(path`/api/bindings/${vhost}/e/${source}/` + kind + path`/${destination}`,
        { routing_key: v.routing_key, arguments: parseJson(v.arguments, 'Arguments') });
      notice('Binding added.');
      onDone();
    },
  },
  h('div', { class: 'row' },
    fixed.source === undefined ? field('From exchange', input('source', { required: true })) : null,
    fixed.destination === undefined ? field('To', select('destination_type', [['queue', 'Queue'], ['exchange', 'Exchange']], 'queue')) : null,
    fixed.destination === undefined ? field('Name', input('destination', { required: true })) : null,
    field('Routing key', input('routing_key'))),
  field('Arguments', textarea('arguments', { rows: 2 }), 'JSON object, optional'));
}
