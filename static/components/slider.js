/**
 * dcc.Slider and dcc.RangeSlider in the browser (views/components/slider*.tsx). The thumbs are native
 * range inputs; this module adds:
 * - `step={null}`: the value snaps to the nearest mark while dragging, and the keys move it mark to
 *   mark (arrows, Page Up/Down, Home, End), so the value sent is always a mark;
 * - a RangeSlider's handles: kept from crossing (`allowCross={false}`) or pushing each other
 *   (`pushable`), and the `range-slider` reader (the handles' values, sorted);
 * - the filled part of the track, the tooltips and `aria-valuetext` (a mark's label), kept current.
 * Loaded once per page, whichever slider asks for it first.
 */
const hd = (window.hyperdash = window.hyperdash || {})
if (!hd.slider) {
  hd.slider = true
  hd.readers = hd.readers || {}

  const thumbs = (box) => [...box.querySelectorAll(':scope > input[type=range]')]
  hd.readers['range-slider'] = (el) =>
    thumbs(el)
      .map((t) => Number(t.value))
      .sort((a, b) => a - b)

  const boxOf = (t) => (t instanceof HTMLInputElement && t.type === 'range' ? t.closest('.hd-slider') : null)

  function marksOf(box) {
    try {
      const m = JSON.parse(box.getAttribute('data-snap') || 'null')
      return Array.isArray(m) && m.length ? m : null
    } catch {
      return null
    }
  }

  function nearest(v, marks) {
    let best = marks[0]
    for (const m of marks) if (Math.abs(m - v) < Math.abs(best - v)) best = m
    return best
  }

  /** Keeps handle `i` from crossing its neighbours, or pushes them `pushable` apart. */
  function keepApart(box, ts, i) {
    const pushable = box.getAttribute('data-pushable')
    if (pushable === null && box.getAttribute('data-allow-cross') !== 'false') return
    const min = Number(ts[0].min)
    const max = Number(ts[0].max)
    const vs = ts.map((t) => Number(t.value))
    const n = vs.length
    if (pushable === null) {
      vs[i] = Math.min(Math.max(vs[i], i > 0 ? vs[i - 1] : min), i < n - 1 ? vs[i + 1] : max)
    } else {
      const gap = pushable === 'true' ? 0 : Number(pushable) || 0
      for (let j = i + 1; j < n; j++) vs[j] = Math.max(vs[j], vs[j - 1] + gap)
      for (let j = i - 1; j >= 0; j--) vs[j] = Math.min(vs[j], vs[j + 1] - gap)
      if (vs[n - 1] > max) {
        vs[n - 1] = max
        for (let j = n - 2; j >= 0; j--) vs[j] = Math.min(vs[j], vs[j + 1] - gap)
      }
      if (vs[0] < min) {
        vs[0] = min
        for (let j = 1; j < n; j++) vs[j] = Math.max(vs[j], vs[j - 1] + gap)
      }
    }
    ts.forEach((t, j) => {
      if (Number(t.value) !== vs[j]) t.value = String(vs[j])
    })
  }

  /** The filled track, tooltips and spoken values, from the handles' values now. */
  function paint(box) {
    const ts = thumbs(box)
    if (!ts.length) return
    const min = Number(ts[0].min)
    const span = Number(ts[0].max) - min || 1
    const pct = (v) => `${Math.min(100, Math.max(0, ((v - min) / span) * 100))}%`
    const vs = ts.map((t) => Number(t.value))
    const range = box.classList.contains('hd-range-slider')
    box.style.setProperty('--hd-lo', pct(range ? Math.min(...vs) : min))
    box.style.setProperty('--hd-hi', pct(range ? Math.max(...vs) : vs[0]))
    const side = box.classList.contains('hd-slider-vertical') ? 'bottom' : 'left'
    const template = box.getAttribute('data-template') || '{value}'
    box.querySelectorAll('.hd-slider-tooltip').forEach((tip, i) => {
      if (i >= vs.length) return
      tip.textContent = template.split('{value}').join(String(vs[i]))
      tip.style[side] = pct(vs[i])
    })
    ts.forEach((t, i) => {
      const mark = box.querySelector(`.hd-slider-mark[data-at="${CSS.escape(String(vs[i]))}"]`)
      if (mark) t.setAttribute('aria-valuetext', mark.textContent)
      else t.removeAttribute('aria-valuetext')
    })
  }

  function settle(box, moved) {
    const marks = marksOf(box)
    if (marks) {
      const to = nearest(Number(moved.value), marks)
      if (Number(moved.value) !== to) moved.value = String(to)
    }
    const ts = thumbs(box)
    if (ts.length > 1) keepApart(box, ts, ts.indexOf(moved))
    paint(box)
  }

  // Capture: the value is snapped and the handles kept apart before htmx's listener reads them.
  for (const type of ['input', 'change']) {
    document.addEventListener(
      type,
      (e) => {
        const box = boxOf(e.target)
        if (box) settle(box, e.target)
      },
      true
    )
  }

  const NEXT = { ArrowRight: 1, ArrowUp: 1, PageUp: 1, ArrowLeft: -1, ArrowDown: -1, PageDown: -1 }
  document.addEventListener(
    'keydown',
    (e) => {
      const box = boxOf(e.target)
      const marks = box && marksOf(box)
      if (!marks || e.altKey || e.ctrlKey || e.metaKey) return
      const t = e.target
      const v = Number(t.value)
      let to
      if (e.key === 'Home') to = marks[0]
      else if (e.key === 'End') to = marks[marks.length - 1]
      else if (NEXT[e.key] === 1) to = marks.find((m) => m > v) ?? marks[marks.length - 1]
      else if (NEXT[e.key] === -1) to = [...marks].reverse().find((m) => m < v) ?? marks[0]
      else return
      e.preventDefault()
      if (to === v) return
      t.value = String(to)
      t.dispatchEvent(new Event('input', { bubbles: true }))
      t.dispatchEvent(new Event('change', { bubbles: true }))
    },
    true
  )
}
