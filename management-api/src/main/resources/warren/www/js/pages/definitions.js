// Definitions: export everything as a JSON file, or import a file (merged into what exists).
import { api } from '../api.js';
import { h, replace, section } from '../dom.js';
import { attempt, notice } from '../notify.js';

async function download() {
  const blob = await attempt(() => api.blob('/api/definitions'));
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  const day = new Date().toISOString().slice(0, 10);
  const a = h('a', { href: url, download: `warren-definitions-${day}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export async function render(ctx) {
  const file = h('input', { type: 'file', name: 'file', accept: '.json,application/json', id: 'definitions-file' });
  const importButton = h('button', { type: 'submit' }, 'Import definitions');
  const upload = h('form', { class: 'stack', id: 'import-definitions' }, file, h('div', { class: 'actions' }, importButton));
  upload.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!file.files.length) {
      notice('Choose a definitions file first.');
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    importButton.disabled = true;
    const done = await attempt(() => api.upload('/api/definitions', data));
    importButton.disabled = false;
    if (done !== undefined) notice('Definitions imported.');
  });

  replace(ctx.root, h('h1', {}, 'Definitions'),
    section('Export',
      h('p', { class: 'muted' }, 'Users, virtual hosts, permissions, policies, queues, exchanges and bindings as one JSON file.'),
      h('button', { type: 'button', id: 'export-definitions', onClick: download }, 'Download definitions')),
    section('Import',
      h('p', { class: 'muted' }, 'Adds the file\'s objects and updates users, permissions and policies; queues, exchanges and bindings that already exist are left as they are.'),
      upload));
}
