// The short badges lists use for an object's flags (durable, auto-delete, ...); the title of each
// badge says it in full.
import { h } from './dom.js';

export function features(item) {
  const flags = [];
  if (item.durable) flags.push(['D', 'durable']);
  if (item.auto_delete) flags.push(['AD', 'auto-delete']);
  if (item.exclusive) flags.push(['Excl', 'exclusive']);
  if (item.internal) flags.push(['I', 'internal']);
  const args = Object.keys(item.arguments || {});
  if (args.length) flags.push(['Args', args.join(', ')]);
  return flags.map(([text, title]) => h('span', { class: 'tag', title }, text));
}
