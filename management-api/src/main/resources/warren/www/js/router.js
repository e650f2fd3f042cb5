// Hash routing: "#/queues/%2F/orders" picks the route "/queues/:vhost/:name" and hands the page
// the decoded parameters. Each segment is percent-encoded, so names may contain "/" and "#".
import { PageContext } from './page.js';
import { h, replace } from './dom.js';
import { failure } from './notify.js';

export function href(...segments) {
  return '#/' + segments.map(encodeURIComponent).join('/');
}

export function navigate(...segments) {
  location.hash = href(...segments);
}

export class Router {
  /** `routes`: [pattern such as "queues/:vhost/:name", async render(ctx, params)]. */
  constructor(outlet, routes, fallback) {
    this.outlet = outlet;
    this.routes = routes.map(([pattern, render]) => ({ parts: pattern.split('/'), render }));
    this.fallback = fallback;
    this.current = null;
  }

  match(hash) {
    const stripped = hash.replace(/^#\/?/, '');
    const parts = stripped ? stripped.split('/') : [];
    for (const route of this.routes) {
      if (route.parts.length !== parts.length) continue;
      const params = {};
      const ok = route.parts.every((p, i) => {
        if (p.startsWith(':')) {
          params[p.slice(1)] = decodeURIComponent(parts[i]);
          return true;
        }
        return p === parts[i];
      });
      if (ok) return { route, params };
    }
    return null;
  }

  async show() {
    const found = this.match(location.hash);
    if (!found) {
      location.hash = this.fallback;
      return;
    }
    if (this.current) this.current.dispose();
    const root = h('div', { class: 'page' });
    replace(this.outlet, root);
    this.current = new PageContext(root);
    document.querySelectorAll('nav a').forEach((a) =>
      a.classList.toggle('active', location.hash.startsWith(a.getAttribute('href'))));
    try {
      await found.route.render(this.current, found.params);
    } catch (e) {
      if (e.status !== 401) failure(e);
    }
  }

  stop() {
    if (this.current) this.current.dispose();
    this.current = null;
  }
}
