// Tables: a plain one for lists that are always short, and a server-paged one for lists that can
// hold thousands of rows (queues, exchanges, connections, channels). The paged table never asks
// for more than one page: filtering, sorting and paging all happen on the server.
import { api, query } from './api.js';
import { h, replace, fmt } from './dom.js';
import { attempt } from './notify.js';

/**
 * `columns`: {label, cell(item) -> node or text, sort (server sort key, optional), numeric}.
 * When `sorting` ({sort, reverse, onSort}) is given, sortable headers are buttons.
 */
export function table(columns, rows, { sorting, empty = 'Nothing here yet.' } = {}) {
  const head = h('tr', {}, columns.map((c) => {
    const th = h('th', { class: c.numeric ? 'num' : null });
    if (sorting && c.sort) {
      const active = sorting.sort === c.sort;
      th.setAttribute('aria-sort', active ? (sorting.reverse ? 'descending' : 'ascending') : 'none');
      th.append(h('button', { type: 'button', class: 'sort', dataset: { sort: c.sort }, onClick: () => sorting.onSort(c.sort) },
        c.label, active ? (sorting.reverse ? ' ▼' : ' ▲') : ''));
    } else {
      th.textContent = c.label;
    }
    return th;
  }));
  const body = rows.length === 0
    ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, empty))
    : rows.map((item) => h('tr', {}, columns.map((c) => h('td', { class: c.numeric ? 'num' : null }, c.cell(item)))));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('thead', {}, head), h('tbody', {}, body)));
}

// Filters, sort and page survive leaving the page and coming back, per list.
const remembered = new Map();

/**
 * A list backed by a paginated API endpoint (`page`, `page_size`, `name`, `use_regex`, `sort`,
 * `sort_reverse`), refreshed every few seconds while the page is shown.
 */
export function pagedTable(ctx, { endpoint, columns, sort = 'name', pageSize = 50, refreshMs = 5000, noun = 'items' }) {
  const state = remembered.get(endpoint) || { page: 1, pageSize, name: '', regex: false, sort, reverse: false };
  remembered.set(endpoint, state);
  let sequence = 0;

  const filter = h('input', { type: 'search', class: 'filter', placeholder: 'Filter by name', value: state.name, 'aria-label': 'Filter by name' });
  const regex = h('input', { type: 'checkbox', checked: state.regex });
  const sizes = h('select', { 'aria-label': 'Page size' }, [20, 50, 100, 500].map((n) =>
    h('option', { value: n, selected: n === state.pageSize }, `${n} per page`)));
  const summary = h('span', { class: 'muted summary' });
  const pager = h('div', { class: 'pager' });
  const holder = h('div', {});

  let debounce;
  filter.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { state.name = filter.value; state.page = 1; load(); }, 250);
  });
  regex.addEventListener('change', () => { state.regex = regex.checked; state.page = 1; load(); });
  sizes.addEventListener('change', () => { state.pageSize = Number(sizes.value); state.page = 1; load(); });

  function onSort(key) {
    state.reverse = state.sort === key ? !state.reverse : false;
    state.sort = key;
    load();
  }

  function goTo(page) {
    state.page = page;
    load();
  }

  async function load() {
    const mine = ++sequence;
    const result = await attempt(() => api.get(query(endpoint, {
      page: state.page, page_size: state.pageSize, name: state.name, use_regex: state.regex,
      sort: state.sort, sort_reverse: state.reverse, pagination: true,
    })));
    // An older, slower answer must not overwrite what a newer request showed.
    if (!result || mine !== sequence || !ctx.active) return;
    const pages = Math.max(1, result.page_count || 1);
    if (state.page > pages) { goTo(pages); return; }
    replace(holder, table(columns, result.items || [], { sorting: { sort: state.sort, reverse: state.reverse, onSort } }));
    replace(summary, `${fmt.num(result.filtered_count)} ${noun}`,
      result.filtered_count !== result.total_count ? ` (of ${fmt.num(result.total_count)})` : '');
    replace(pager,
      h('button', { type: 'button', class: 'secondary', disabled: state.page <= 1, onClick: () => goTo(1) }, '«'),
      h('button', { type: 'button', class: 'secondary', disabled: state.page <= 1, onClick: () => goTo(state.page - 1) }, '‹ Previous'),
      h('span', { class: 'page-no' }, `Page ${state.page} of ${pages}`),
      h('button', { type: 'button', class: 'secondary', disabled: state.page >= pages, onClick: () => goTo(state.page + 1) }, 'Next ›'),
      h('button', { type: 'button', class: 'secondary', disabled: state.page >= pages, onClick: () => goTo(pages) }, '»'));
  }

  ctx.every(refreshMs, load);
  // Row actions (closing a connection, say) ask for a fresh page with a "reload" event.
  return h('div', { class: 'paged', onReload: () => load() },
    h('div', { class: 'toolbar' }, filter, h('label', { class: 'check' }, regex, 'Regex'), sizes, summary),
    holder, pager);
}
