// The Beranda chart: in and out per fund over the last 12 months, drawn with uPlot from the JSON the
// page carries (no inline script, so the Content-Security-Policy can forbid them).
(function () {
  var holder = document.getElementById('grafik');
  var source = document.getElementById('grafik-data');
  if (!holder || !source || typeof uPlot === 'undefined') return;
  var data = JSON.parse(source.textContent);
  var colours = ['#0b6e4f', '#b42318', '#2e90fa', '#b54708', '#7a5af8', '#c11574'];
  var series = [{ label: 'Bulan', value: function (_u, i) { return i == null ? '' : data.months[i]; } }];
  var columns = [data.months.map(function (_m, i) { return i; })];
  data.series.forEach(function (s, i) {
    series.push({ label: s.label, stroke: colours[i % colours.length], width: 2, dash: s.out ? [6, 4] : undefined, value: function (_u, v) { return v == null ? '' : v.toLocaleString('id-ID'); } });
    columns.push(s.values);
  });
  function size() { return { width: holder.clientWidth || 320, height: 260 }; }
  var chart = new uPlot(Object.assign(size(), {
    series: series,
    axes: [
      { values: function (_u, ticks) { return ticks.map(function (i) { return data.months[i] || ''; }); } },
      { size: 70, values: function (_u, ticks) { return ticks.map(function (v) { return v >= 1e6 ? (v / 1e6).toLocaleString('id-ID') + ' jt' : v >= 1e3 ? (v / 1e3).toLocaleString('id-ID') + ' rb' : v; }); } },
    ],
    scales: { x: { time: false } },
    legend: { live: false },
  }), columns, holder);
  window.addEventListener('resize', function () { chart.setSize(size()); });
})();
