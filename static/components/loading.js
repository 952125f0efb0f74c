/**
 * dcc.Loading in the browser (views/components/loading.tsx). The extension marks outputs that a
 * request in flight may change with `aria-busy="true"`; this module watches that attribute inside
 * every `.hd-loading` wrapper and shows its spinner after `data-delay-show` ms of being busy, hiding
 * it `data-delay-hide` ms after nothing inside is busy any more. `data-targets` (ids) narrows which
 * outputs count; `data-overlay-style` is the style the children get while the spinner shows.
 */
;(() => {
  'use strict'
  const hd = (window.hyperdash = window.hyperdash || {})
  if (hd.loading) return
  hd.loading = true

  /** wrapper → { show: timer, hide: timer } */
  const timers = new WeakMap()

  function isBusy(root) {
    const targets = (root.getAttribute('data-targets') || '').split(' ').filter(Boolean)
    for (const el of root.querySelectorAll('[aria-busy="true"]')) {
      if (!targets.length || targets.includes(el.id)) return true
    }
    return false
  }

  const parts = (root) => ({
    content: root.querySelector(':scope > .hd-loading-content'),
    spinner: root.querySelector(':scope > .hd-spinner'),
  })

  function show(root) {
    const { content, spinner } = parts(root)
    if (!spinner || !spinner.hidden) return
    root.classList.add('hd-loading-active')
    spinner.hidden = false
    const overlay = content && content.getAttribute('data-overlay-style')
    if (overlay !== null && content) {
      content.setAttribute('data-saved-style', content.getAttribute('style') || '')
      content.setAttribute('style', overlay)
      root.classList.add('hd-loading-overlay')
    }
  }

  function hide(root) {
    const { content, spinner } = parts(root)
    if (!spinner || spinner.hidden) return
    root.classList.remove('hd-loading-active', 'hd-loading-overlay')
    spinner.hidden = true
    if (content && content.hasAttribute('data-saved-style')) {
      const saved = content.getAttribute('data-saved-style')
      if (saved) content.setAttribute('style', saved)
      else content.removeAttribute('style')
      content.removeAttribute('data-saved-style')
    }
  }

  function update(root) {
    const mode = root.getAttribute('data-display') || 'auto'
    if (mode !== 'auto') return
    const t = timers.get(root) || { show: 0, hide: 0 }
    timers.set(root, t)
    const spinner = parts(root).spinner
    const shown = spinner && !spinner.hidden
    if (isBusy(root)) {
      clearTimeout(t.hide)
      t.hide = 0
      if (shown || t.show) return
      const delay = Number(root.getAttribute('data-delay-show')) || 0
      if (delay <= 0) return show(root)
      t.show = setTimeout(() => {
        t.show = 0
        if (isBusy(root)) show(root)
      }, delay)
    } else {
      clearTimeout(t.show)
      t.show = 0
      if (!shown || t.hide) return
      const delay = Number(root.getAttribute('data-delay-hide')) || 0
      if (delay <= 0) return hide(root)
      t.hide = setTimeout(() => {
        t.hide = 0
        if (!isBusy(root)) hide(root)
      }, delay)
    }
  }

  new MutationObserver((records) => {
    const roots = new Set()
    for (const r of records) {
      const el = r.target instanceof Element ? r.target : r.target.parentElement
      let root = el && el.closest('.hd-loading')
      // Every wrapper around the change: nested Loadings each show their own spinner.
      while (root) {
        roots.add(root)
        root = root.parentElement && root.parentElement.closest('.hd-loading')
      }
    }
    for (const root of roots) update(root)
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-busy'],
  })
})()
