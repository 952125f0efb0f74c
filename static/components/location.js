// The browser half of dcc.Location (views/components/location.tsx), served as an ES module.
//
// 1. The URL changed in the page (a dcc.Link click, `hd:pushstate`; back/forward, `popstate`): each
//    live Location whose callbacks read a part that changed gets an `hd-navigate` event naming those
//    parts (`detail.props`), which its hx-trigger sends as one update request.
// 2. A callback set a Location's `pathname`/`search`/`hash`/`href` (its element is morphed with new
//    `data-*` values): navigate there, with `pushState` (`refresh` false or 'callback-nav') or a full
//    page load (`refresh` true, Dash's default).

// The page's Locations own its history: htmx's own (it stamps entries and re-fetches the page on
// back/forward to them) would load a whole page where the router brings the next one.
if (window.htmx) htmx.config.history = false

const PARTS = ['pathname', 'search', 'hash', 'href']
const EVENT = 'hd-navigate'
const here = () => Object.fromEntries(PARTS.map((p) => [p, location[p]]))
/** Location element → the URL parts its callbacks last saw. */
const seen = new WeakMap()
/** The URL before the latest change: what a Location met for the first time last saw. */
let before = here()

/** The props whose callbacks the element's events fire (`hd-t`: `pathname:hd-navigate …`). */
function watched(el) {
  const out = []
  for (const pair of (el.getAttribute('hd-t') || '').split(' ')) {
    const at = pair.lastIndexOf(':')
    if (at > 0 && pair.slice(at + 1) === EVENT) out.push(pair.slice(0, at))
  }
  return out
}

function urlChanged() {
  const now = here()
  for (const el of document.querySelectorAll('.hd-location')) {
    const last = seen.get(el) || before
    seen.set(el, now)
    const props = watched(el).filter((p) => last[p] !== now[p])
    if (props.length) el.dispatchEvent(new CustomEvent(EVENT, { detail: { props } }))
  }
  before = now
}

window.addEventListener('popstate', urlChanged)
window.addEventListener('hd:pushstate', urlChanged)

/** Where a callback asked a Location to go, or null when its `data-*` values are the current URL. */
function wanted(el) {
  const v = (p) => el.getAttribute(`data-${p}`)
  const href = v('href')
  if (href !== null && new URL(href, location.href).href !== location.href) return href
  const parts = ['pathname', 'search', 'hash'].map((p) => (v(p) !== null ? v(p) : location[p]))
  if (parts.every((x, i) => x === location[['pathname', 'search', 'hash'][i]])) return null
  return parts.join('')
}

function navigate(el) {
  const to = wanted(el)
  if (to === null) return
  const refresh = el.getAttribute('data-refresh')
  if (refresh === 'true') return location.assign(to)
  window.dispatchEvent(new CustomEvent('hd:beforepushstate'))
  history.pushState({}, '', to)
  // Its own callbacks already ran on the server (the same request set its props): it has seen the URL.
  seen.set(el, here())
  if (refresh === 'callback-nav') window.dispatchEvent(new CustomEvent('hd:pushstate'))
  else before = here()
}

new MutationObserver((records) => {
  const els = new Set()
  for (const r of records) if (r.target.classList.contains('hd-location')) els.add(r.target)
  for (const el of els) navigate(el)
}).observe(document.documentElement, {
  subtree: true,
  attributes: true,
  attributeFilter: PARTS.map((p) => `data-${p}`),
})
