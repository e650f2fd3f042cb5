// Users: the list, creating one with a password and tags, deleting one.
import { api, path } from '../api.js';
import { h, replace, section } from '../dom.js';
import { table } from '../table.js';
import { field, input, checkbox, form } from '../forms.js';
import { attempt, notice, confirmAction } from '../notify.js';

const TAGS = ['administrator', 'monitoring', 'policymaker', 'management', 'impersonator'];

function tagsOf(user) {
  return Array.isArray(user.tags) ? user.tags : String(user.tags || '').split(',').filter(Boolean);
}

export async function render(ctx) {
  const list = h('div', { id: 'user-list' });

  async function refresh() {
    const users = await attempt(() => api.get('/api/users'));
    if (!users || !ctx.active) return;
    replace(list, table([
      { label: 'Name', cell: (u) => u.name },
      { label: 'Tags', cell: (u) => tagsOf(u).map((t) => h('span', { class: 'tag' }, t)) },
      { label: 'Password', cell: (u) => (u.password_hash ? 'yes' : 'no') },
      { label: '', cell: (u) => h('button', { type: 'button', class: 'secondary small', onClick: async () => {
        if (!(await confirmAction(`Delete the user ${u.name}?`, 'Delete'))) return;
        if ((await attempt(() => api.del(path`/api/users/${u.name}`))) !== undefined) {
          notice(`User ${u.name} deleted.`);
          refresh();
        }
      } }, 'Delete') },
    ], users));
  }

  const create = form({
    submit: 'Add user',
    id: 'create-user',
    async onSubmit(v, el) {
      if (!v.name.trim()) throw new Error('The user needs a name.');
      const tags = TAGS.filter((t) => v[`tag-${t}`]).concat(v.other_tags.split(',').map((t) => t.trim()).filter(Boolean));
      const body = v.password ? { password: v.password, tags: tags.join(',') } : { password_hash: '', tags: tags.join(',') };
      await api.put(path`/api/users/${v.name}`, body);
      notice(`User ${v.name} saved.`);
      el.reset();
      refresh();
    },
  },
  h('div', { class: 'row' },
    field('Name', input('name', { required: true })),
    field('Password', input('password', { type: 'password', autocomplete: 'new-password' }), 'Empty: the user cannot log in with a password')),
  h('div', { class: 'row' }, TAGS.map((t) => checkbox(`tag-${t}`, t))),
  field('Other tags', input('other_tags'), 'Comma-separated'));

  replace(ctx.root, h('h1', {}, 'Users'), section('Users', list), section('Add a user', create));
  await refresh();
}
