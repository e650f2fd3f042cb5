// Live line charts drawn with Chart.js (loaded from its WebJar as the global `Chart`). The API
// gives current values; the chart keeps the last few minutes of them itself.

const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2'];
const KEEP = 60;

/** A line chart of named series that grows by one point per `add` and keeps the last 60. */
export class LiveChart {
  /** `series`: [{key, label}]; `unit` is appended to the tooltip values. */
  constructor(canvas, series, unit = '') {
    this.series = series;
    this.chart = new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: [],
        datasets: series.map((s, i) => ({
          label: s.label, data: [], borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length] + '22', borderWidth: 2, pointRadius: 0, tension: 0.25, fill: false,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 6 } } },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y}${unit}` } },
        },
      },
    });
  }

  /** Adds one point per series from `values` (keyed like the series), stamped `time`. */
  add(time, values) {
    const data = this.chart.data;
    data.labels.push(time.toLocaleTimeString());
    this.series.forEach((s, i) => data.datasets[i].data.push(Number(values[s.key] ?? 0)));
    if (data.labels.length > KEEP) {
      data.labels.shift();
      data.datasets.forEach((d) => d.data.shift());
    }
    this.chart.update('none');
  }

  destroy() {
    this.chart.destroy();
  }
}
