// Virtual hosts: the list with their message counts, creating one, deleting one.
import { api, path } from '../api.js';
import { h, replace, fmt, section } from '../dom.js';
import { table } from '../table.js';
import { field, input, select, form } from '../forms.js';
import { attempt, notice, confirmAction } from '../notify.js';

export async function render(ctx) {
  const list = h('div', { id: 'vhost-list' });

  async function refresh() {
    const vhosts = await attempt(() => api.get('/api/vhosts'));
    if (!vhosts || !ctx.active) return;
    replace(list, table([
      { label: 'Name', cell: (v) => v.name },
      { label: 'Description', cell: (v) => v.description || v.metadata?.description || '' },
      { label: 'Default queue type', cell: (v) => v.default_queue_type || v.metadata?.default_queue_type || '' },
      { label: 'Ready', numeric: true, cell: (v) => fmt.num(v.messages_ready) },
      { label: 'Unacked', numeric: true, cell: (v) => fmt.num(v.messages_unacknowledged) },
      { label: '', cell: (v) => h('button', { type: 'button', class: 'secondary small', onClick: async () => {
        if (!(await confirmAction(`Delete the virtual host ${v.name} with all its queues, exchanges and messages?`, 'Delete'))) return;
        if ((await attempt(() => api.del(path`/api/vhosts/${v.name}`))) !== undefined) {
          notice(`Virtual host ${v.name} deleted.`);
          refresh();
        }
      } }, 'Delete') },
    ], vhosts));
  }

  const create = form({
    submit: 'Add virtual host',
    id: 'create-vhost',
    async onSubmit(v, el) {
      if (!v.name.trim()) throw new Error('The virtual host needs a name.');
      await api.put(path`/api/vhosts/${v.name}`, { description: v.description, tags: v.tags, default_queue_type: v.default_queue_type });
      notice(`Virtual host ${v.name} added.`);
      el.reset();
      refresh();
    },
  },
  h('div', { class: 'row' },
    field('Name', input('name', { required: true })),
    field('Description', input('description')),
    field('Tags', input('tags'), 'Comma-separated'),
    field('Default queue type', select('default_queue_type', ['classic', 'quorum', 'stream'], 'classic'))));

  replace(ctx.root, h('h1', {}, 'Virtual hosts'), section('Virtual hosts', list), section('Add a virtual host', create));
  await refresh();
}
