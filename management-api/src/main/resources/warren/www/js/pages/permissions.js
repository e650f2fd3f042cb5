// Permissions: who may configure, write and read what in which vhost; set and clear them.
import { api, path } from '../api.js';
import { h, replace, section } from '../dom.js';
import { table } from '../table.js';
import { field, input, select, vhostSelect, form } from '../forms.js';
import { attempt, notice, confirmAction } from '../notify.js';

export async function render(ctx) {
  const list = h('div', { id: 'permission-list' });
  const userSelect = select('user', []);

  async function refresh() {
    const [permissions, users] = await Promise.all([
      attempt(() => api.get('/api/permissions')), attempt(() => api.get('/api/users'))]);
    if (!ctx.active) return;
    if (users) {
      const chosen = userSelect.value;
      userSelect.replaceChildren(...users.map((u) => h('option', { value: u.name, selected: u.name === chosen }, u.name)));
    }
    if (!permissions) return;
    replace(list, table([
      { label: 'User', cell: (p) => p.user },
      { label: 'Virtual host', cell: (p) => p.vhost },
      { label: 'Configure', cell: (p) => h('code', {}, p.configure) },
      { label: 'Write', cell: (p) => h('code', {}, p.write) },
      { label: 'Read', cell: (p) => h('code', {}, p.read) },
      { label: '', cell: (p) => h('button', { type: 'button', class: 'secondary small', onClick: async () => {
        if (!(await confirmAction(`Clear ${p.user}'s permissions in ${p.vhost}?`, 'Clear'))) return;
        if ((await attempt(() => api.del(path`/api/permissions/${p.vhost}/${p.user}`))) !== undefined) {
          notice('Permissions cleared.');
          refresh();
        }
      } }, 'Clear') },
    ], permissions, { empty: 'No permissions.' }));
  }

  const set = form({
    submit: 'Set permissions',
    id: 'set-permissions',
    async onSubmit(v) {
      await api.put(path`/api/permissions/${v.vhost}/${v.user}`, { configure: v.configure, write: v.write, read: v.read });
      notice(`Permissions of ${v.user} in ${v.vhost} set.`);
      refresh();
    },
  },
  h('div', { class: 'row' },
    field('User', userSelect),
    field('Virtual host', vhostSelect()),
    field('Configure', input('configure', { value: '.*' })),
    field('Write', input('write', { value: '.*' })),
    field('Read', input('read', { value: '.*' }))));

  replace(ctx.root, h('h1', {}, 'Permissions'), section('Permissions', list), section('Set permissions', set));
  await refresh();
}
