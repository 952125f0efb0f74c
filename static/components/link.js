// The browser half of dcc.Link (views/components/link.tsx), served as an ES module. Without it the
// link is a plain `<a href>`: a full page load. With it, a plain click (main button, no modifier
// key, no target, same origin) pushes the URL to the history and announces it (`hd:pushstate`):
// dcc.Location (./location.js) fires the callbacks reading the URL, in one request. As Dash does,
// the page scrolls to the top.

document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
  const a = e.target instanceof Element ? e.target.closest('a[data-hd-link]') : null
  if (!a || a.hasAttribute('download')) return
  const target = a.getAttribute('target')
  if (target && target !== '_self') return
  const url = new URL(a.href, location.href)
  if (url.origin !== location.origin) return
  e.preventDefault()
  if (url.href === location.href) return
  // Where the page we leave was scrolled: restored on back (./pages.js).
  window.dispatchEvent(new CustomEvent('hd:beforepushstate'))
  history.pushState({}, '', url.href)
  window.dispatchEvent(new CustomEvent('hd:pushstate', { detail: { link: a } }))
  window.scrollTo(0, 0)
})
