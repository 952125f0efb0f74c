/**
 * dcc.Graph in the browser (views/components/graph.tsx). Small on purpose: every page of an app that
 * knows Graph loads this module; plotly.js (4.8 MB, 1.2–1.5 MB compressed) is loaded only when a
 * Graph is on the page, by a same-origin `<script src>` (the CSP is unchanged), including a Graph a
 * callback inserts later.
 *
 * - The figure is the JSON text of the element's `script.hd-graph-figure`. First time: `Plotly.newPlot`;
 *   when a callback sends a new figure (the server morphs the element: the plot div is skipped):
 *   `Plotly.react` on the same plot element, so `layout.uirevision` keeps zoom and pan.
 * - `script.hd-graph-extend`: `Plotly.extendTraces`, once per render (its `data-stamp`).
 * - Plotly's events set the browser-owned props (Dash's shapes) and dispatch `graph-click`,
 *   `graph-hover` (throttled), … on the element: htmx sends the update the element's `hx-trigger` names.
 *   The reader `graph` (window.hyperdash.readers) reads them.
 */
const PLOTLY_SRC = new URL('../../static/', import.meta.url)
const HOVER_MS = 100

/** @type {Promise<unknown> | null} */
let loading = null

/**
 * plotly.js adds its rules with inline `<style>` elements (`plotly.js-style-global`, one per modebar),
 * which the CSP refuses. It skips an element whose id it finds with the class `no-inline-styles`: the
 * global rules come from the app's `plotly.css` (linked here), the modebar's from graph.css.
 */
function linkStyles(el) {
  if (document.getElementById('hd-plotly-css')) return
  const link = document.createElement('link')
  link.id = 'hd-plotly-css'
  link.rel = 'stylesheet'
  link.href = new URL(el.getAttribute('data-plotly-css') || 'plotly.css', PLOTLY_SRC).href
  document.head.append(link)
  // Libraries inside plotly.js (MapLibre) insert their `<style>` unless an element has its id.
  for (const id of (el.getAttribute('data-plotly-styled') || '').split(' ').filter(Boolean)) {
    if (document.getElementById(id)) continue
    const t = document.createElement('template')
    t.id = id
    document.head.append(t)
  }
  const byId = document.getElementById.bind(document)
  const linked = document.createElement('i')
  linked.className = 'no-inline-styles'
  document.getElementById = (id) => {
    const found = byId(id)
    return found || (typeof id === 'string' && id.startsWith('plotly.js-style-') ? linked : found)
  }
}

/** plotly.js, loaded once. */
function plotly(el) {
  if (window.Plotly) return Promise.resolve(window.Plotly)
  if (!loading) {
    linkStyles(el)
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script')
      s.src = new URL(el.getAttribute('data-plotly') || 'plotly.min.js', PLOTLY_SRC).href
      s.async = true
      s.addEventListener('load', () => resolve(window.Plotly))
      s.addEventListener('error', () => {
        loading = null
        reject(new Error(`hyperdash: dcc.Graph could not load plotly.js from ${s.src}`))
      })
      document.head.append(s)
    })
  }
  return loading
}

function options(el) {
  try {
    return JSON.parse(el.getAttribute('data-graph') || '{}') || {}
  } catch {
    return {}
  }
}

function parse(script) {
  try {
    return JSON.parse(script.textContent || 'null')
  } catch (e) {
    console.error(
      `hyperdash: the figure of #${script.parentElement && script.parentElement.id} is not JSON`,
      e
    )
    return null
  }
}

/** Plotly's config from the props: `responsive: 'auto'` follows the container unless a size is set. */
function configOf(opts, layout) {
  const config = Object.assign({}, opts.config)
  const r = opts.responsive === undefined ? 'auto' : opts.responsive
  if (r === true || (r === 'auto' && config.responsive === undefined && !layout.width && !layout.height))
    config.responsive = true
  if (r === false) config.responsive = false
  if (!opts.mathjax) config.typesetMath = false
  return config
}

/** Draws or updates one Graph from its element, one step at a time per plot. */
function draw(el) {
  const plot = el.querySelector(':scope > .hd-graph-plot')
  if (!plot) return
  const st = (plot.__hdGraph = plot.__hdGraph || { text: null, stamp: null, drawn: false, chain: null })
  st.chain = (st.chain || Promise.resolve()).then(() => drawNow(el, plot, st)).catch((e) => console.error(e))
}

async function drawNow(el, plot, st) {
  const figScript = el.querySelector(':scope > script.hd-graph-figure')
  const extScript = el.querySelector(':scope > script.hd-graph-extend')
  const text = figScript ? figScript.textContent : null
  const stamp = extScript ? extScript.getAttribute('data-stamp') : null
  if (text === st.text && stamp === st.stamp) return
  let P
  try {
    P = await plotly(el)
  } catch (e) {
    console.error(String(e))
    return
  }
  const opts = options(el)
  if (text !== null && text !== st.text) {
    st.text = text
    const fig = parse(figScript) || {}
    const layout = fig.layout || {}
    const config = configOf(opts, layout)
    if (!st.drawn) {
      st.drawn = true
      await P.newPlot(plot, fig.data || [], layout, config)
      if (fig.frames) await P.addFrames(plot, fig.frames)
      listen(el, plot, opts)
    } else if (opts.animate) {
      await P.animate(
        plot,
        fig,
        opts.animation_options || {
          frame: { redraw: false },
          transition: { duration: 750, easing: 'cubic-in-out' },
        }
      )
    } else {
      await P.react(plot, { data: fig.data || [], layout, frames: fig.frames, config })
    }
  }
  if (stamp !== st.stamp) {
    st.stamp = stamp
    const ext = extScript ? parse(extScript) : null
    if (st.drawn && ext) {
      const [update, indices, max] = Array.isArray(ext) ? ext : [ext]
      const traces = indices || Object.values(update)[0].map((_, i) => i)
      await P.extendTraces(plot, update, traces, max)
    }
  }
}

// ─── events → browser-owned props ────────────────────────────────────────────────────────────
const SKIP = new Set(['data', 'fullData', 'xaxis', 'yaxis', 'frame'])

/** A point as Dash reports it: Plotly's fields but the back-references to traces and axes. */
function pointOf(p) {
  const out = {}
  for (const k of Object.keys(p)) {
    if (SKIP.has(k)) continue
    const v = p[k]
    if (v === undefined || typeof v === 'function') continue
    if (k === 'bbox' || k === 'customdata' || typeof v !== 'object' || v === null || Array.isArray(v))
      out[k] = v
  }
  return out
}

const points = (d) => ({ points: ((d && d.points) || []).map(pointOf) })

/** Stores a prop's new value and tells htmx (the element's trigger names the event). */
function set(el, prop, event, value) {
  const values = (el.__hdGraphValues = el.__hdGraphValues || {})
  values[prop] = value
  el.dispatchEvent(new Event(event))
}

function listen(el, plot, opts) {
  // The element carrying the id may be morphed, never replaced: look it up at each event anyway.
  const root = () => plot.closest('.hd-graph') || el
  let hoverTimer = null
  let hoverNext
  const hover = (value) => {
    hoverNext = value
    if (hoverTimer) return
    set(root(), 'hoverData', 'graph-hover', hoverNext)
    hoverTimer = setTimeout(() => {
      hoverTimer = null
      const values = root().__hdGraphValues || {}
      if (values.hoverData !== hoverNext) set(root(), 'hoverData', 'graph-hover', hoverNext)
    }, HOVER_MS)
  }
  plot.on('plotly_click', (d) => set(root(), 'clickData', 'graph-click', points(d)))
  plot.on('plotly_hover', (d) => hover(points(d)))
  plot.on('plotly_unhover', () => options(root()).clear_on_unhover && hover(null))
  plot.on('plotly_selected', (d) => {
    if (!d) return set(root(), 'selectedData', 'graph-selected', null)
    const v = points(d)
    if (d.range) v.range = d.range
    if (d.lassoPoints) v.lassoPoints = d.lassoPoints
    set(root(), 'selectedData', 'graph-selected', v)
  })
  plot.on('plotly_deselect', () => set(root(), 'selectedData', 'graph-selected', null))
  plot.on('plotly_relayout', (d) => {
    // Plotly reports its own first autosize: not a user's change.
    const keys = Object.keys(d || {})
    if (keys.length === 1 && keys[0] === 'autosize') return
    set(root(), 'relayoutData', 'graph-relayout', JSON.parse(JSON.stringify(d || {})))
  })
  plot.on('plotly_restyle', (d) =>
    set(root(), 'restyleData', 'graph-restyle', JSON.parse(JSON.stringify(d || null)))
  )
  plot.on('plotly_clickannotation', (d) =>
    set(root(), 'clickAnnotationData', 'graph-clickannotation', {
      index: d.index,
      annotation: JSON.parse(JSON.stringify(d.annotation || {})),
    })
  )
}

/** The reader of the browser-owned props: the last event's value, else the page's. */
const hd = (window.hyperdash = window.hyperdash || {})
hd.readers = hd.readers || {}
hd.readers.graph = (el, prop) => {
  const values = el.__hdGraphValues
  if (values && Object.prototype.hasOwnProperty.call(values, prop)) return values[prop]
  const initial = options(el).initial || {}
  return Object.prototype.hasOwnProperty.call(initial, prop) ? initial[prop] : null
}

// ─── which Graphs to draw ──────────────────────────────────────────────────────────────────
const queued = new Set()
let scheduled = false
function queue(el) {
  queued.add(el)
  if (scheduled) return
  scheduled = true
  queueMicrotask(() => {
    scheduled = false
    const els = [...queued]
    queued.clear()
    for (const g of els) if (g.isConnected) draw(g)
  })
}

const graphOf = (node) => {
  const el = node.nodeType === 1 ? node : node.parentElement
  return el && el.closest ? el.closest('.hd-graph') : null
}

new MutationObserver((records) => {
  for (const r of records) {
    const g = graphOf(r.target)
    // Changes inside Plotly's own drawing are none of ours.
    if (g && !(r.target.closest && r.target.closest('.hd-graph-plot'))) queue(g)
    for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue
      if (n.matches('.hd-graph')) queue(n)
      for (const inner of n.querySelectorAll('.hd-graph')) queue(inner)
    }
  }
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['data-stamp', 'data-graph'],
})

for (const g of document.querySelectorAll('.hd-graph')) queue(g)
