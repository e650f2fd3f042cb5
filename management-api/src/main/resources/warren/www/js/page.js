// The life of one page: its element, its refresh timers, and their end when the user leaves.

/**
 * Handed to a page's render function. Timers started with `every` stop when the page is left,
 * so a page never updates an element that is no longer shown.
 */
export class PageContext {
  constructor(root) {
    this.root = root;
    this.timers = [];
    this.cleanups = [];
    this.active = true;
  }

  /** Runs `cleanup` when the page is left, e.g. to free a chart. */
  onDispose(cleanup) {
    this.cleanups.push(cleanup);
  }

  /** Runs `task` now and then every `ms` milliseconds while the page is shown; never overlaps itself. */
  every(ms, task) {
    let running = false;
    const tick = async () => {
      if (!this.active || running) return;
      running = true;
      try {
        await task();
      } finally {
        running = false;
      }
    };
    this.timers.push(setInterval(tick, ms));
    return tick();
  }

  dispose() {
    this.active = false;
    this.timers.forEach(clearInterval);
    this.cleanups.forEach((c) => c());
  }
}
