// dcc.Interval's browser half (views/components/interval.tsx). Each `.hd-interval` element ticks:
// `data-n-intervals` goes up by one and the element receives a `hd-tick` event, which htmx turns into
// the update request when a callback takes `n_intervals` as an Input.
//
// - Never overlapping: while a tick's request is in flight no other tick is sent. A tick that comes
//   due meanwhile waits, and is sent as soon as the request lands; later ones coalesce into it (at
//   most one waits: no burst, no unbounded queue). Every tick's callback runs to completion and its
//   result is shown.
// - Hidden tab: no ticks while `document.visibilityState` is 'hidden'. On return, one tick at once if
//   one came due meanwhile (not one per missed interval), then the usual cadence.
// - Props a callback sets (interval, disabled, max_intervals, n_intervals) arrive as a re-render: the
//   attributes change, the timer is set again from them.
;(() => {
  'use strict'
  const ATTRS = ['data-interval', 'data-max-intervals', 'data-disabled', 'data-n-intervals']
  /** element → { timer, due, busy, interval } */
  const timers = new Map()

  const num = (el, name, dflt) => {
    const v = Number(el.getAttribute(name))
    return el.hasAttribute(name) && Number.isFinite(v) ? v : dflt
  }
  const hidden = () => document.visibilityState === 'hidden'

  function stopped(el) {
    const max = num(el, 'data-max-intervals', -1)
    const n = num(el, 'data-n-intervals', 0)
    return el.getAttribute('data-disabled') === 'true' || max === 0 || (max !== -1 && n >= max)
  }

  function tick(el, t) {
    t.due = false
    if (stopped(el) || !el.isConnected) return
    el.setAttribute('data-n-intervals', String(num(el, 'data-n-intervals', 0) + 1))
    // htmx sends the request from this event's handler, synchronously up to `htmx:before:request`.
    t.started = false
    el.dispatchEvent(new CustomEvent('hd-tick', { bubbles: false }))
    t.busy = t.started
    schedule(el, t)
  }

  /** Sets the timer for the next tick from the element's attributes. */
  function schedule(el, t) {
    clearTimeout(t.timer)
    t.timer = null
    if (stopped(el)) return
    const ms = Math.max(1, num(el, 'data-interval', 1000))
    t.interval = ms
    t.timer = setTimeout(() => {
      t.timer = null
      t.due = true
      maybeTick(el, t)
    }, ms)
  }

  /** Sends the tick that came due, unless a request is in flight or the tab is hidden: then later. */
  function maybeTick(el, t) {
    if (t.due && !t.busy && !hidden()) tick(el, t)
  }

  function start(el) {
    if (timers.has(el)) return
    const t = { timer: null, due: false, busy: false, started: false, interval: 0 }
    timers.set(el, t)
    el.addEventListener('htmx:before:request', (e) => {
      if (e.target === el) ((t.started = true), (t.busy = true))
    })
    el.addEventListener('htmx:finally:request', (e) => {
      if (e.target !== el) return
      t.busy = false
      maybeTick(el, t)
    })
    schedule(el, t)
  }

  function scan() {
    for (const el of document.querySelectorAll('.hd-interval')) start(el)
    for (const [el, t] of timers) {
      if (el.isConnected) continue
      clearTimeout(t.timer)
      timers.delete(el)
    }
  }

  /** A re-render changed the element's props: a new interval restarts the timer, as in Dash. */
  function changed(el) {
    const t = timers.get(el)
    if (!t) return start(el)
    const ms = Math.max(1, num(el, 'data-interval', 1000))
    if (stopped(el)) (clearTimeout(t.timer), (t.timer = null), (t.due = false))
    else if (ms !== t.interval || (!t.timer && !t.due)) schedule(el, t)
  }

  document.addEventListener('visibilitychange', () => {
    if (hidden()) return
    for (const [el, t] of timers) maybeTick(el, t)
  })

  function init() {
    scan()
    new MutationObserver((records) => {
      let added = false
      for (const r of records) {
        if (r.type === 'childList') added = true
        else if (r.target.classList && r.target.classList.contains('hd-interval')) changed(r.target)
      }
      if (added) scan()
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ATTRS,
    })
  }

  // After htmx has set up its triggers (it starts on DOMContentLoaded, before this listener).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => setTimeout(init))
  else setTimeout(init)
})()
