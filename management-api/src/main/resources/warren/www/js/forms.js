// Form building blocks shared by the pages: labelled fields, a submit that reports API errors,
// the vhost picker and the publish-a-message form.
import { api, path } from './api.js';
import { h, parseJson } from './dom.js';
import { attempt, notice } from './notify.js';

export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), control, hint ? h('small', {}, hint) : null);
}

export function input(name, props = {}) {
  return h('input', { name, type: 'text', autocomplete: 'off', ...props });
}

export function textarea(name, props = {}) {
  return h('textarea', { name, rows: 4, spellcheck: 'false', ...props });
}

export function checkbox(name, label, checked = false) {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked }), label);
}

/** `options`: strings, or [value, label] pairs. */
export function select(name, options, selected) {
  return h('select', { name }, options.map((o) => {
    const [value, label] = Array.isArray(o) ? o : [o, o];
    return h('option', { value, selected: value === selected }, label);
  }));
}

/**
 * A select of the vhosts the user can see, filled in once they are known. Until then, or if they
 * cannot be listed, it offers `selected` alone: the form stays usable and the page that holds it
 * is not the place to report a failed lookup.
 */
export function vhostSelect(name = 'vhost', selected = '/') {
  const el = select(name, [selected], selected);
  api.get('/api/vhosts').then((vhosts) => {
    el.replaceChildren(...vhosts.map((v) => h('option', { value: v.name, selected: v.name === selected }, v.name)));
  }, () => {});
  return el;
}

/** The form's values by name; checkboxes are booleans. */
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}

/**
 * A form whose submit button stays disabled while `onSubmit(values, form)` runs. Errors, from
 * the API or from checking the input, are shown to the user; the form is left as it was.
 */
export function form({ submit, onSubmit, className = 'stack', id }, ...children) {
  const button = h('button', { type: 'submit' }, submit);
  const el = h('form', { class: className, id }, ...children, h('div', { class: 'actions' }, button));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await attempt(() => onSubmit(values(el), el));
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

/**
 * Publishes through `exchange` ("" for the default exchange); `routingKey` is fixed, or asked for
 * when undefined. `onDone` runs after each publish.
 */
export function publishForm(vhost, exchange, routingKey, onDone = () => {}) {
  return form({
    submit: 'Publish message',
    id: 'publish-form',
    async onSubmit(v) {
      const properties = parseJson(v.properties, 'Properties');
      const headers = parseJson(v.headers, 'Headers');
      if (Object.keys(headers).length) properties.headers = headers;
      properties.delivery_mode = Number(v.delivery_mode);
      const result = await api.post(path`/api/exchanges/${vhost}/${exchange === '' ? 'amq.default' : exchange}/publish`, {
        properties,
        routing_key: routingKey ?? v.routing_key,
        payload: v.payload,
        payload_encoding: v.payload_encoding,
      });
      notice(result && result.routed ? 'Message published.' : 'Message published, but it was not routed to any queue.');
      onDone();
    },
  },
  routingKey === undefined ? field('Routing key', input('routing_key')) : null,
  h('div', { class: 'row' },
    field('Delivery mode', select('delivery_mode', [['1', '1 – transient'], ['2', '2 – persistent']], '1')),
    field('Payload encoding', select('payload_encoding', [['string', 'String'], ['base64', 'Base64']], 'string'))),
  field('Headers', textarea('headers', { rows: 2, placeholder: '{"x-origin": "ui"}' }), 'JSON object, optional'),
  field('Properties', textarea('properties', { rows: 2, placeholder: '{"content_type": "text/plain"}' }), 'JSON object, optional'),
  field('Payload', textarea('payload', { rows: 5 })));
}
