// Policies: the list, and one form to create a policy or edit an existing one (same name and
// vhost overwrites, as PUT does). The definition is edited as JSON text.
import { api, path } from '../api.js';
import { h, replace, section, show, parseJson } from '../dom.js';
import { table } from '../table.js';
import { field, input, textarea, select, vhostSelect, form } from '../forms.js';
import { attempt, notice, confirmAction } from '../notify.js';

const APPLY_TO = [
  ['all', 'Exchanges and queues'], ['queues', 'Queues'], ['exchanges', 'Exchanges'],
  ['classic_queues', 'Classic queues'], ['quorum_queues', 'Quorum queues'], ['streams', 'Streams'],
];

export async function render(ctx) {
  const list = h('div', { id: 'policy-list' });
  const editor = h('div', {});

  async function refresh() {
    const policies = await attempt(() => api.get('/api/policies'));
    if (!policies || !ctx.active) return;
    replace(list, table([
      { label: 'Virtual host', cell: (p) => p.vhost },
      { label: 'Name', cell: (p) => p.name },
      { label: 'Pattern', cell: (p) => h('code', {}, p.pattern) },
      { label: 'Apply to', cell: (p) => p['apply-to'] },
      { label: 'Priority', numeric: true, cell: (p) => String(p.priority) },
      { label: 'Definition', cell: (p) => h('code', {}, show(p.definition)) },
      { label: '', cell: (p) => h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary small', onClick: () => edit(p) }, 'Edit'),
        h('button', { type: 'button', class: 'secondary small', onClick: () => remove(p) }, 'Delete')) },
    ], policies, { empty: 'No policies.' }));
  }

  async function remove(p) {
    if (!(await confirmAction(`Delete the policy ${p.name} in ${p.vhost}?`, 'Delete'))) return;
    if ((await attempt(() => api.del(path`/api/policies/${p.vhost}/${p.name}`))) !== undefined) {
      notice(`Policy ${p.name} deleted.`);
      refresh();
    }
  }

  function edit(p) {
    replace(editor, policyForm(p));
    editor.scrollIntoView({ behavior: 'smooth' });
  }

  function policyForm(p = { vhost: '/', name: '', pattern: '', 'apply-to': 'all', priority: 0, definition: {} }) {
    return form({
      submit: p.name ? 'Save policy' : 'Add policy',
      id: 'policy-form',
      async onSubmit(v) {
        if (!v.name.trim()) throw new Error('The policy needs a name.');
        const definition = parseJson(v.definition, 'Definition', null);
        if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
          throw new Error('The definition must be a JSON object, e.g. {"max-length": 1000}.');
        }
        await api.put(path`/api/policies/${v.vhost}/${v.name}`, {
          pattern: v.pattern, definition, priority: Number(v.priority) || 0, 'apply-to': v['apply-to'],
        });
        notice(`Policy ${v.name} saved.`);
        replace(editor, policyForm());
        refresh();
      },
    },
    h('div', { class: 'row' },
      field('Virtual host', vhostSelect('vhost', p.vhost)),
      field('Name', input('name', { value: p.name, required: true })),
      field('Pattern', input('pattern', { value: p.pattern, placeholder: '^orders\\.' }), 'Regular expression matched against names'),
      field('Apply to', select('apply-to', APPLY_TO, p['apply-to'])),
      field('Priority', input('priority', { type: 'number', value: String(p.priority ?? 0) }))),
    field('Definition', textarea('definition', { rows: 5, value: JSON.stringify(p.definition, null, 2), placeholder: '{"max-length": 1000}' }),
      'JSON object of policy keys, e.g. "message-ttl", "max-length", "dead-letter-exchange"'));
  }

  replace(ctx.root, h('h1', {}, 'Policies'), section('Policies', list), section('Add or edit a policy', editor));
  replace(editor, policyForm());
  await refresh();
}
