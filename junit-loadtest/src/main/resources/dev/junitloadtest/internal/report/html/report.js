// junit-loadtest report: draws the three time-series charts (and a capacity search's chart) with uPlot from the JSON
// in #report-data.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  // For people poking at the page, and for the library's browser test.
  window.loadTestReport = { data: data, charts: charts };

  var COLORS = {
    rps: '#2f6fdf',
    fps: '#d32f2f',
    p50: '#2e9d68',
    p95: '#e08a00',
    p99: '#c2185b',
    max: '#8a96a6',
    users: '#6f42c1',
    axis: '#5d6b7e',
    grid: '#edf0f4',
    stage: '#a9b4c2'
  };

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function clock(seconds) {
    var s = Math.round(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.floor(s / 60) % 60;
    return (h > 0 ? h + ':' + pad(m) : String(m)) + ':' + pad(s % 60);
  }

  function millis(v) {
    if (v == null) return '–';
    if (v === 0) return '0';
    if (v < 10) return v.toFixed(2);
    if (v < 100) return v.toFixed(1);
    return Math.round(v).toLocaleString('en-US');
  }

  function rate(v) {
    if (v == null) return '–';
    if (v === 0) return '0';
    return v < 1 ? v.toFixed(2) : v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  }

  function whole(v) {
    return v == null ? '–' : Math.round(v).toLocaleString('en-US');
  }

  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  // Dashed lines where each stage after the first begins, labelled with the users it moves to.
  var stageLines = {
    hooks: {
      draw: function (u) {
        var ctx = u.ctx;
        var ratio = window.devicePixelRatio || 1;
        ctx.save();
        ctx.strokeStyle = COLORS.stage;
        ctx.fillStyle = COLORS.axis;
        ctx.lineWidth = ratio;
        ctx.setLineDash([4 * ratio, 4 * ratio]);
        ctx.font = (11 * ratio) + 'px system-ui, sans-serif';
        ctx.textBaseline = 'top';
        data.stages.forEach(function (stage) {
          if (stage.start <= 0) return;
          var x = Math.round(u.valToPos(stage.start, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText('stage ' + stage.number + ' · ' + stage.users + (stage.users === 1 ? ' user' : ' users'),
              x + 4 * ratio, u.bbox.top + 2 * ratio);
        });
        ctx.restore();
      }
    }
  };

  var timeTicks = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

  function chart(id, height, series, columns, format, unit) {
    var element = document.getElementById('chart-' + id);
    if (!element) return;
    if (data.t.length === 0) {
      element.classList.add('no-data');
      element.textContent = 'No interval was recorded.';
      return;
    }
    var lastT = data.t[data.t.length - 1];
    var options = {
      width: Math.max(element.clientWidth, 300),
      height: height,
      cursor: { y: false, sync: { key: 'load-test-report' }, drag: { x: true, y: false } },
      legend: { live: true },
      scales: {
        x: { time: false, range: function () { return [data.from, Math.max(lastT, data.from + 1)]; } },
        y: {
          range: function (u, min, max) {
            return [0, max > 0 ? uPlot.rangeNum(0, max, 0.1, true)[1] : 1];
          }
        }
      },
      axes: [
        {
          stroke: COLORS.axis,
          grid: { stroke: COLORS.grid, width: 1 },
          ticks: { stroke: COLORS.grid },
          incrs: timeTicks,
          values: function (u, splits) { return splits.map(clock); }
        },
        {
          stroke: COLORS.axis,
          grid: { stroke: COLORS.grid, width: 1 },
          ticks: { stroke: COLORS.grid },
          size: 64,
          values: function (u, splits) { return splits.map(format); }
        }
      ],
      series: [{ label: 'Time', value: function (u, v) { return v == null ? '–' : clock(v); } }].concat(
        series.map(function (s) {
          return {
            label: s.label,
            show: s.show !== false,
            stroke: s.color,
            width: s.width || 2,
            dash: s.dash,
            fill: s.fill ? alpha(s.color, 0.09) : undefined,
            spanGaps: false,
            points: { size: 5 },
            value: function (u, v) { return v == null ? '–' : format(v) + unit; }
          };
        })),
      hooks: {
        setLegend: [function (u) { u.root.classList.toggle('idle', u.legend.idx == null); }]
      },
      plugins: [stageLines]
    };
    charts.push(new uPlot(options, [data.t].concat(columns), element));
  }

  chart('throughput', 220, [
    { label: 'Requests/s', color: COLORS.rps, fill: true },
    { label: 'Failures/s', color: COLORS.fps, fill: true }
  ], [data.rps, data.fps], rate, ' /s');

  chart('latency', 240, [
    { label: 'p50', color: COLORS.p50 },
    { label: 'p95', color: COLORS.p95 },
    { label: 'p99', color: COLORS.p99 },
    { label: 'max', color: COLORS.max, width: 1.5, dash: [5, 4], show: false }
  ], [data.p50, data.p95, data.p99, data.max], millis, ' ms');

  chart('users', 170, [
    { label: 'Users', color: COLORS.users, fill: true }
  ], [data.users], whole, '');

  // A capacity search: throughput (left axis) and p95 (right axis) against the load of each step (users or
  // iterations/s), in order of load: narrowing steps fall between the steps they narrow.
  function capacityChart() {
    var element = document.getElementById('chart-capacity');
    var capacity = data.capacity;
    if (!element || !capacity) return;
    if (capacity.users.length === 0) {
      element.classList.add('no-data');
      element.textContent = 'No step was judged.';
      return;
    }
    var fromZero = function (u, min, max) { return [0, max > 0 ? uPlot.rangeNum(0, max, 0.1, true)[1] : 1]; };
    var axis = function (scale, side, format) {
      return {
        scale: scale,
        side: side,
        stroke: COLORS.axis,
        grid: { show: side === 3, stroke: COLORS.grid, width: 1 },
        ticks: { stroke: COLORS.grid },
        size: 64,
        values: function (u, splits) { return splits.map(format); }
      };
    };
    var options = {
      width: Math.max(element.clientWidth, 300),
      height: 240,
      cursor: { y: false, drag: { x: false, y: false } },
      legend: { live: true },
      scales: { x: { time: false }, rps: { range: fromZero }, ms: { range: fromZero } },
      axes: [
        { stroke: COLORS.axis, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid },
          values: function (u, splits) { return splits.map(whole); } },
        axis('rps', 3, rate),
        axis('ms', 1, millis)
      ],
      series: [
        capacity.loadLabel === 'iterations/s'
          ? { label: 'Iterations/s', value: function (u, v) { return rate(v) + ' /s'; } }
          : { label: 'Users', value: function (u, v) { return whole(v); } },
        { label: 'Requests/s', scale: 'rps', stroke: COLORS.rps, width: 2, points: { size: 6 },
          value: function (u, v) { return rate(v) + ' /s'; } },
        { label: 'p95', scale: 'ms', stroke: COLORS.p95, width: 2, points: { size: 6 }, spanGaps: false,
          value: function (u, v) { return millis(v) + ' ms'; } }
      ]
    };
    window.loadTestReport.capacityChart = new uPlot(options, [capacity.users, capacity.rps, capacity.p95], element);
  }

  capacityChart();

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      var capacity = window.loadTestReport.capacityChart;
      charts.concat(capacity ? [capacity] : []).forEach(function (u) {
        u.setSize({ width: Math.max(u.root.parentNode.clientWidth, 300), height: u.height });
      });
    }, 100);
  });
})();
