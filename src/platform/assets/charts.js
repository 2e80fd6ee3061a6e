// Draws each chart's data table as a Chart.js chart too. The table stays on the page: it is
// the chart for anyone not seeing the picture. Loaded only by pages that have charts.
/* global Chart, document */
const COLOURS = ['#1d70b8', '#f47738', '#00703c', '#4c2c92', '#d4351c', '#505a5f'];

for (const figure of document.querySelectorAll('[data-chart]')) {
  const id = figure.getAttribute('data-chart');
  const data = JSON.parse(document.getElementById(`chart-data-${id}`).textContent);
  const holder = figure.querySelector('.waymark-chart__canvas');
  holder.hidden = false;
  const horizontal = data.kind === 'horizontalBar';
  new Chart(document.getElementById(`chart-${id}`), {
    type: data.kind === 'line' ? 'line' : 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: COLOURS[index % COLOURS.length],
        borderColor: COLOURS[index % COLOURS.length],
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: data.series.length > 1 } },
      scales: {
        [horizontal ? 'x' : 'y']: {
          min: data.min,
          max: data.max,
          // Counts of people and scale points are whole numbers: no tick at 0.5 of a person.
          ticks: data.percent ? { callback: (value) => `${value}%` } : { precision: 0 },
        },
      },
    },
  });
}
