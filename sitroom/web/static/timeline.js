// The timeline: an SVG histogram of events by day (or by week, month or year when the span is long),
// asserted events solid and the rest pale, which the analyst drags across to choose a date window.

import { dayNumber, formatDay, isoDay } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 84;
const AXIS = 16;
const BIN_CHOICES = [1, 7, 30, 365];
const RECENT_SPANS = [14, 30, 90, 365];
const RECENT_SHARE = 0.8;

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

// The days shown. By default, the shortest recent stretch (two weeks, a month, a quarter, a year)
// that holds most of the last year's events, so that a few old dates — a war recalled, a date
// misread — do not squeeze the news into one bar. `all` shows every dated event.
function domainOf(days, showAll) {
  const last = days[days.length - 1];
  if (showAll) return { first: days[0] - 1, last: last + 1 };
  const yearly = days.filter((d) => d > last - 365).length;
  const span = RECENT_SPANS.find((s) => days.filter((d) => d > last - s).length >= RECENT_SHARE * yearly);
  return { first: Math.max(days[0], last - span + 1) - 1, last: last + 1 };
}

function binsOf(events, domain, width) {
  const span = domain.last - domain.first + 1;
  const binDays = BIN_CHOICES.find((d) => span / d <= width / 3) || 365;
  const count = Math.ceil(span / binDays);
  const bins = Array.from({ length: count }, () => ({ asserted: 0, other: 0 }));
  for (const event of events) {
    const day = dayNumber(event.date && event.date.start);
    if (day === null || day < domain.first || day > domain.last) continue;
    const bin = bins[Math.floor((day - domain.first) / binDays)];
    if (event.modality === 'asserted') bin.asserted += 1;
    else bin.other += 1;
  }
  return { bins, binDays };
}

export function createTimeline(container, { onWindow }) {
  const state = { events: [], window: null, showAll: false, domain: null, scale: null, drag: null };
  const root = svg('svg', { class: 'timeline-svg', height: HEIGHT, role: 'img' });
  container.replaceChildren(root);

  function xOf(day) {
    return ((day - state.domain.first) / (state.domain.last - state.domain.first + 1)) * state.scale;
  }

  function dayAt(x) {
    const span = state.domain.last - state.domain.first + 1;
    return state.domain.first + Math.floor((Math.max(0, Math.min(x, state.scale - 1)) / state.scale) * span);
  }

  function drawBars(bins, binDays) {
    const tallest = Math.max(1, ...bins.map((b) => b.asserted + b.other));
    const plot = HEIGHT - AXIS - 4;
    const barWidth = Math.max(1, xOf(state.domain.first + binDays) - xOf(state.domain.first) - 1);
    bins.forEach((bin, index) => {
      const total = bin.asserted + bin.other;
      if (!total) return;
      const x = xOf(state.domain.first + index * binDays);
      const solid = (bin.asserted / tallest) * plot;
      const pale = (bin.other / tallest) * plot;
      const group = svg('g', { class: 'bar' });
      group.append(svg('rect', { x, y: HEIGHT - AXIS - solid, width: barWidth, height: solid, class: 'bar-asserted' }));
      group.append(svg('rect', { x, y: HEIGHT - AXIS - solid - pale, width: barWidth, height: pale, class: 'bar-other' }));
      const title = svg('title');
      const from = state.domain.first + index * binDays;
      const label = binDays === 1 ? formatDay(isoDay(from)) : `${formatDay(isoDay(from))} – ${formatDay(isoDay(from + binDays - 1))}`;
      title.textContent = `${label}: ${total} event${total === 1 ? '' : 's'} (${bin.other} not asserted)`;
      group.append(title);
      root.append(group);
    });
  }

  function drawAxis() {
    root.append(svg('line', { x1: 0, x2: state.scale, y1: HEIGHT - AXIS, y2: HEIGHT - AXIS, class: 'axis' }));
    const ticks = Math.max(2, Math.floor(state.scale / 140));
    for (let i = 0; i <= ticks; i += 1) {
      const day = state.domain.first + Math.round(((state.domain.last - state.domain.first) * i) / ticks);
      // Under the middle of its day, so that a day's label sits under that day's bar.
      const x = xOf(day + 0.5);
      const text = svg('text', {
        x, y: HEIGHT - 3, class: 'tick', 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle',
      });
      text.textContent = formatDay(isoDay(day));
      root.append(text);
    }
  }

  function drawWindow() {
    const range = state.drag || state.window;
    if (!range) return;
    const from = xOf(Math.max(range.start, state.domain.first));
    const to = xOf(Math.min(range.end, state.domain.last) + 1);
    if (to <= from) return;
    root.append(svg('rect', { x: from, y: 0, width: to - from, height: HEIGHT - AXIS, class: 'brush' }));
  }

  function draw() {
    root.replaceChildren();
    state.scale = Math.max(100, container.clientWidth);
    root.setAttribute('width', state.scale);
    const days = state.events.map((e) => dayNumber(e.date && e.date.start)).filter((d) => d !== null);
    days.sort((a, b) => a - b);
    if (!days.length) {
      const text = svg('text', { x: 8, y: HEIGHT / 2, class: 'tick' });
      text.textContent = 'No dated events';
      root.append(text);
      state.domain = null;
      return { earlier: 0, undated: state.events.length };
    }
    state.domain = domainOf(days, state.showAll);
    const { bins, binDays } = binsOf(state.events, state.domain, state.scale);
    drawBars(bins, binDays);
    drawAxis();
    drawWindow();
    root.setAttribute('aria-label', `Events by ${binDays === 1 ? 'day' : `${binDays} days`}, drag to choose dates`);
    return {
      earlier: days.filter((d) => d < state.domain.first).length,
      undated: state.events.length - days.length,
      binDays,
    };
  }

  function pointerX(event) {
    return event.clientX - root.getBoundingClientRect().left;
  }

  root.addEventListener('pointerdown', (event) => {
    if (!state.domain) return;
    root.setPointerCapture(event.pointerId);
    const day = dayAt(pointerX(event));
    state.drag = { anchor: day, start: day, end: day, moved: false };
  });

  root.addEventListener('pointermove', (event) => {
    if (!state.drag) return;
    const day = dayAt(pointerX(event));
    state.drag.start = Math.min(state.drag.anchor, day);
    state.drag.end = Math.max(state.drag.anchor, day);
    state.drag.moved = state.drag.moved || day !== state.drag.anchor;
    draw();
  });

  root.addEventListener('pointerup', () => {
    if (!state.drag) return;
    const { start, end } = state.drag;
    state.drag = null;
    // A click without a drag picks that one day: the quickest way to read one day's events.
    onWindow({ start, end });
  });

  // The strip changes width with the window and with the reading panel: redraw to fit.
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (Math.max(100, container.clientWidth) !== state.scale) draw();
    });
  }).observe(container);

  return {
    draw,
    setEvents(events) {
      state.events = events;
      return draw();
    },
    setWindow(range) {
      state.window = range;
      return draw();
    },
    setShowAll(showAll) {
      state.showAll = showAll;
      return draw();
    },
    get showAll() {
      return state.showAll;
    },
  };
}
