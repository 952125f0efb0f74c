// The browser half of a multi-page app's page container (views/components/page-container.tsx),
// served as an ES module.
//
// - The router's response re-renders `hd.PageMeta` (#_pages_meta): its title, description and image
//   go to the document's `<title>` and meta tags.
// - After a navigation (a dcc.Link click, back/forward), once the new page's content is in: back and
//   forward restore where that page was scrolled (the browser's own restoration would run before the
//   content arrives), and focus moves to the content, so keyboard and screen-reader users start there.

const CONTENT = '_pages_content'
const META = '_pages_meta'

history.scrollRestoration = 'manual'
/** History entry key → the page's scroll position when it was left. */
const scrolls = new Map()
let keys = 0
const newKey = () => `${Date.now().toString(36)}-${++keys}`
function keyOf() {
  const s = history.state
  if (s && typeof s.hdKey === 'string') return s.hdKey
  const key = newKey()
  history.replaceState({ ...(s && typeof s === 'object' ? s : {}), hdKey: key }, '')
  return key
}
let current = keyOf()
/** The navigation whose content is awaited: `{ restore: y | null }`. */
let pending = null

addEventListener('scroll', () => scrolls.set(current, scrollY), { passive: true })
// Saved at once, not by the next scroll event: that one may come after the history moved on.
addEventListener('hd:beforepushstate', () => scrolls.set(current, scrollY))
addEventListener('hd:pushstate', () => {
  current = keyOf()
  pending = { restore: null }
})
addEventListener('popstate', (e) => {
  // The page has not moved yet (restoration is manual): this is where the page we leave was.
  scrolls.set(current, scrollY)
  current = e.state && typeof e.state.hdKey === 'string' ? e.state.hdKey : keyOf()
  pending = { restore: scrolls.get(current) ?? 0 }
})

function settle() {
  if (!pending) return
  const { restore } = pending
  pending = null
  if (restore !== null) scrollTo(0, restore)
  const content = document.getElementById(CONTENT)
  if (content) content.focus({ preventScroll: true })
}

/** Sets `<meta {attr}="{name}" content>`, creating it when missing. */
function setMeta(attr, name, content) {
  let m = document.head.querySelector(`meta[${attr}="${name}"]`)
  if (!m) {
    m = document.createElement('meta')
    m.setAttribute(attr, name)
    document.head.append(m)
  }
  m.setAttribute('content', content)
}

function applyMeta(el) {
  const title = el.getAttribute('data-title')
  const description = el.getAttribute('data-description') || ''
  const given = el.getAttribute('data-image')
  const image = given ? new URL(given, location.href).href : ''
  if (title !== null) document.title = title
  const t = title ?? document.title
  setMeta('name', 'description', description)
  for (const [attr, prefix] of [
    ['name', 'twitter'],
    ['property', 'og'],
  ]) {
    setMeta(attr, `${prefix}:title`, t)
    setMeta(attr, `${prefix}:description`, description)
    setMeta(attr, `${prefix}:image`, image)
  }
  setMeta('name', 'twitter:url', location.href)
}

new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === 'attributes' && r.target.id === META) applyMeta(r.target)
    if (r.type === 'childList' && r.target.id === CONTENT) settle()
  }
}).observe(document.documentElement, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['data-title', 'data-description', 'data-image'],
})
