// Building the page. Everything that comes from the server goes in as text nodes or attribute
// values, never as markup, so a queue named "<img onerror=...>" is just a name.

/**
 * Creates an element. `props` keys: `class`, `text`, `on<Event>` (listeners), `dataset`,
 * booleans such as `disabled` as properties, anything else as an attribute. Children may be
 * nodes, strings, numbers, arrays, or null (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else if (key === 'value' || key === 'checked') el[key] = value;
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function link(href, text, props = {}) {
  return h('a', { href, ...props }, text);
}

/** A section with a heading, as used by every page. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** A two-column table of keys and values; elements show as they are, objects and arrays as JSON. */
export function keyValues(map, empty = 'None') {
  const entries = Object.entries(map || {});
  if (entries.length === 0) return h('p', { class: 'muted' }, empty);
  return h('table', { class: 'kv' }, h('tbody', {}, entries.map(([k, v]) =>
    h('tr', {}, h('th', {}, k), h('td', {}, v instanceof Node ? v : show(v))))));
}

/** A value as readable text. */
export function show(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const fmt = {
  num: (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : '–'),
  decimal: (n) => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '–'),
  rate: (details) => (details && typeof details.rate === 'number' ? `${details.rate.toFixed(1)}/s` : '–'),
  bytes(n) {
    if (typeof n !== 'number') return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
    return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  },
  duration(ms) {
    if (typeof ms !== 'number') return '–';
    const s = Math.floor(ms / 1000);
    const d = Math.floor(s / 86400);
    const hh = Math.floor((s % 86400) / 3600);
    const mm = Math.floor((s % 3600) / 60);
    return d > 0 ? `${d}d ${hh}h` : hh > 0 ? `${hh}h ${mm}m` : `${mm}m ${s % 60}s`;
  },
  exchange: (name) => (name === '' ? '(AMQP default)' : name),
  time: (ms) => (typeof ms === 'number' ? new Date(ms).toLocaleString() : '–'),
};

// Why a state is worth a second look, as RabbitMQ's UI explains it.
const STATES = {
  blocked: 'Resource alarm: connection blocked.',
  blocking: 'Resource alarm: connection will block on publish.',
  flow: 'Publishing rate recently throttled by server.',
};

/**
 * An object's state, explained in its title where there is something to explain (a connection
 * blocked by a resource alarm, a publisher throttled). RabbitMQ's UI also shows "idle" for an
 * object with `idle_since`; Warren's queues report `idle_since` whenever they have no consumer,
 * busy or not, so it is not shown as a state here.
 */
export function objectState(o) {
  if (!o || o.state === undefined || o.state === null) return '';
  return h('span', { class: STATES[o.state] ? 'state alert' : 'state', title: STATES[o.state] }, o.state);
}

/** Parses a JSON text field; an empty field is `fallback`. Throws an Error naming the field. */
export function parseJson(text, field, fallback = {}) {
  if (!text.trim()) return fallback;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${field} is not valid JSON: ${e.message}`);
  }
}
