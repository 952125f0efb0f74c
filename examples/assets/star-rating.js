// The browser half of examples/star-rating.tsx, served by the app as an ES module (CSP allows it:
// same origin, no inline script). It keeps the picked star in `data-value` and registers the reader
// the component's definition names: `read: 'star-rating'`.

// Capture phase: runs before htmx's click trigger on the component, so the request reads the new value.
document.addEventListener(
  'click',
  (e) => {
    const star = e.target instanceof Element ? e.target.closest('.star-rating [data-star]') : null
    if (!star) return
    const root = star.closest('.star-rating')
    const value = Number(star.getAttribute('data-star'))
    root.setAttribute('data-value', String(value))
    for (const s of root.querySelectorAll('[data-star]')) {
      const on = Number(s.getAttribute('data-star')) <= value
      s.setAttribute('aria-pressed', String(on))
      s.textContent = on ? '★' : '☆'
    }
  },
  true
)

// `(element carrying the id, prop name) => value`; the server checks it against the prop's schema.
window.hyperdash.readers['star-rating'] = (el) => {
  const v = el.getAttribute('data-value')
  return v ? Number(v) : null
}
