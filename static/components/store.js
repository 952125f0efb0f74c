// dcc.Store's browser half (views/components/store.tsx): the reader `store`, and for local/session
// stores the storage itself. As Dash's Store does on mount: storage empty and the layout gives data →
// the data is stored and `modified_timestamp` fires; storage holds other data → `data` and
// `modified_timestamp` fire with it. A callback's new `data` (a re-render) is written to storage and
// `modified_timestamp` fires; `clear_data` removes it; another tab's write fires `data` here.
// Quota and size errors are shown in the page's error area, never lost silently.
;(() => {
  'use strict'
  // Both definitions behind dcc.Store list this file, so a page may load it twice: run once.
  const hd = (window.hyperdash = window.hyperdash || {})
  if (hd.storeModule) return
  hd.storeModule = true
  const EVENT = 'hd-store'
  /** element → the JSON of the data it holds as far as this module knows (to tell writes apart). */
  const known = new WeakMap()
  const mounted = new WeakSet()
  const encoder = new TextEncoder()

  const typeOf = (el) => el.getAttribute('data-storage-type') || 'memory'
  const backend = (el) => {
    const t = typeOf(el)
    try {
      return t === 'local' ? window.localStorage : t === 'session' ? window.sessionStorage : null
    } catch {
      return null // storage disabled (privacy settings): the store behaves as memory
    }
  }
  const maxBytes = (el) => Number(el.getAttribute('data-max-bytes')) || 1_000_000

  /** The storage key of a store: its app's base path and its id (two apps on one origin differ). */
  function keyOf(el) {
    const root = el.closest('.hd-app')
    const url = (root && root.getAttribute('data-hd-url')) || ''
    return `hyperdash:${url.replace(/\/_hd\/update$/, '') || '/'}#${el.id}`
  }

  function showError(el, text) {
    console.error(`hyperdash: ${text}`)
    const root = el.closest('.hd-app') || document
    const area = root.querySelector('.hd-errors') || document.querySelector('.hd-errors')
    if (!area) return
    const cls = `hd-store-error-${CSS.escape(el.id)}`
    let box = area.querySelector(`.${cls}`)
    if (!box) {
      box = document.createElement('div')
      box.className = `hd-error hd-store-error ${cls}`
      box.setAttribute('role', 'alert')
      area.append(box)
    }
    box.textContent = text
  }

  /** The stored data: null when absent, not JSON, or too large to send (that one is reported). */
  function load(el) {
    const s = backend(el)
    if (!s) return null
    const raw = s.getItem(keyOf(el))
    if (raw === null) return null
    const bytes = encoder.encode(raw).length
    if (bytes > maxBytes(el)) {
      showError(
        el,
        `dcc.Store '${el.id}': the ${typeOf(el)} storage holds ${bytes} bytes, more than the ${maxBytes(el)} ` +
          'a request may carry; it is sent as null. Store less, or clear it (clear_data).'
      )
      return null
    }
    try {
      return JSON.parse(raw)
    } catch {
      return null // not ours, or damaged: ignored, as Dash does
    }
  }

  function stampOf(el) {
    const s = backend(el)
    if (!s) return Number(el.getAttribute('data-modified-timestamp')) || -1
    return Number.parseInt(s.getItem(`${keyOf(el)}-timestamp`), 10) || -1
  }

  /** Writes data and its time to storage; false, with a visible error, when the browser refuses. */
  function save(el, value) {
    const s = backend(el)
    if (!s) return false
    const key = keyOf(el)
    try {
      s.setItem(key, JSON.stringify(value))
      s.setItem(`${key}-timestamp`, String(Date.now()))
      return true
    } catch (e) {
      showError(
        el,
        `dcc.Store '${el.id}': the browser refused to keep the data in ${typeOf(el)} storage ` +
          `(${(e && e.name) || e}: the storage is full or disabled). The data was not saved.`
      )
      return false
    }
  }

  function remove(el) {
    const s = backend(el)
    if (!s) return
    s.removeItem(keyOf(el))
    s.removeItem(`${keyOf(el)}-timestamp`)
  }

  /** Tells the server these props changed: the request htmx sends when a callback takes one as Input. */
  function fire(el, props) {
    const inputs = (el.getAttribute('hd-t') || '').split(' ')
    if (props.some((p) => inputs.includes(`${p}:${EVENT}`)))
      el.dispatchEvent(new CustomEvent(EVENT, { detail: { props } }))
  }

  function equal(a, b) {
    if (a === b) return true
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
    if (Array.isArray(a) !== Array.isArray(b)) return false
    const ka = Object.keys(a)
    if (ka.length !== Object.keys(b).length) return false
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]))
  }

  const parse = (json) => {
    try {
      return JSON.parse(json)
    } catch {
      return null
    }
  }
  /** A memory store's data: in its signed state. */
  const memoryData = (el) => {
    const st = parse(el.getAttribute('data-hd') || 'null')
    return st && st.props && 'data' in st.props ? st.props.data : null
  }
  /** Shows `json` as the element's data without taking it for a callback's write. */
  function reflect(el, json) {
    known.set(el, json)
    if (el.getAttribute('data-data') !== json) el.setAttribute('data-data', json)
  }

  function mount(el) {
    if (mounted.has(el)) return
    mounted.add(el)
    if (!backend(el)) {
      const data = memoryData(el)
      known.set(el, JSON.stringify(data))
      if (data !== null) {
        el.setAttribute('data-modified-timestamp', String(Date.now()))
        fire(el, ['modified_timestamp'])
      }
      return
    }
    if (el.getAttribute('data-clear-data') === 'true') return clear(el)
    const old = load(el)
    const given = parse(el.getAttribute('data-data') || 'null')
    if (old === null && given !== null) {
      reflect(el, JSON.stringify(given))
      if (save(el, given)) fire(el, ['modified_timestamp'])
    } else if (!equal(old, given)) {
      reflect(el, JSON.stringify(old))
      fire(el, ['data', 'modified_timestamp'])
    } else reflect(el, JSON.stringify(old))
  }

  function clear(el) {
    remove(el)
    el.setAttribute('data-clear-data', 'false')
    reflect(el, 'null')
    fire(el, ['clear_data', 'data', 'modified_timestamp'])
  }

  /** A re-render of a mounted store: a callback set `data` (or `clear_data`). */
  function rerendered(el, attr) {
    if (!mounted.has(el)) return mount(el)
    if (attr === 'data-clear-data') {
      if (el.getAttribute('data-clear-data') === 'true') clear(el)
      return
    }
    if (attr === 'data-hd' && !backend(el)) {
      const json = JSON.stringify(memoryData(el))
      if (json === known.get(el)) return
      known.set(el, json)
      el.setAttribute('data-modified-timestamp', String(Date.now()))
      fire(el, ['modified_timestamp'])
      return
    }
    if (attr !== 'data-data' || !backend(el)) return
    const json = el.getAttribute('data-data') || 'null'
    if (json === known.get(el)) return
    known.set(el, json)
    if (save(el, parse(json))) fire(el, ['modified_timestamp'])
  }

  // Another tab wrote (or cleared) a local store: its callbacks fire here with the new data.
  window.addEventListener('storage', (e) => {
    for (const el of document.querySelectorAll('.hd-store[data-storage-type]')) {
      if (!mounted.has(el) || backend(el) !== e.storageArea || e.key !== keyOf(el)) continue
      if (e.newValue === e.oldValue) continue
      reflect(el, JSON.stringify(load(el)))
      fire(el, ['data', 'modified_timestamp'])
    }
  })

  hd.readers = hd.readers || {}
  hd.readers.store = (el, prop) => {
    if (prop === 'modified_timestamp') return stampOf(el)
    if (prop === 'clear_data') return el.getAttribute('data-clear-data') === 'true'
    if (prop === 'data') return load(el)
    return null
  }

  function init() {
    for (const el of document.querySelectorAll('.hd-store')) mount(el)
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'childList') {
          for (const n of r.addedNodes) {
            if (!(n instanceof Element)) continue
            if (n.matches('.hd-store')) mount(n)
            for (const el of n.querySelectorAll('.hd-store')) mount(el)
          }
        } else if (r.target instanceof Element && r.target.matches('.hd-store')) {
          rerendered(r.target, r.attributeName)
        }
      }
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-data', 'data-clear-data', 'data-hd'],
    })
  }

  // After htmx has set up its triggers (it starts on DOMContentLoaded, before this listener).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => setTimeout(init))
  else setTimeout(init)
})()
