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

  /**
   * Runs `task` now and then every `ms` milliseconds while the page is shown; never overlaps
   * itself. Returns the first run's promise, which has `again()`: a run now (a user changed what
   * the page shows), skipped if one is under way.
   */
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
    return Object.assign(tick(), { again: tick });
  }

  /** Stops the page's timers and runs its cleanups; once, however often it is called. */
  dispose() {
    if (!this.active) return;
    this.active = false;
    this.timers.forEach(clearInterval);
    this.cleanups.forEach((c) => c());
  }
}
