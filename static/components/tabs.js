// dcc.Tabs' browser half (views/components/tabs.tsx): the WAI-ARIA tabs pattern. A click, or
// Left/Right (Up/Down when vertical), Home and End on a focused tab select it at once (automatic
// activation): the tab list's `data-value` changes, the panels are shown or hidden here with no round
// trip, and a `hd-tab` event tells the server (when a callback takes `value` as Input). The tabs are
// links (`?tabs=details`) so they work without JavaScript; here they never navigate.
;(() => {
  'use strict'
  const EVENT = 'hd-tab'
  const tabsOf = (list) => [...list.querySelectorAll(':scope > [role=tab]')]
  const enabled = (tab) => tab.getAttribute('aria-disabled') !== 'true'

  /** Shows the selected tab's panel, hides the others (the stylesheet does it too, up to 30 tabs). */
  function syncPanels(list) {
    const parent = list.closest('.hd-tabs-parent')
    if (!parent) return
    const selected = list.getAttribute('data-selected')
    for (const panel of parent.querySelectorAll(':scope > .hd-tabs-content > .hd-tab-panel')) {
      panel.hidden = panel.getAttribute('data-index') !== selected
    }
  }

  function select(list, tab, focus) {
    if (!enabled(tab)) return
    if (focus) tab.focus()
    const tabs = tabsOf(list)
    const index = tabs.indexOf(tab)
    if (String(index) === list.getAttribute('data-selected')) return
    for (const t of tabs) {
      const on = t === tab
      t.setAttribute('aria-selected', String(on))
      t.tabIndex = on ? 0 : -1
      t.classList.toggle('hd-tab-selected', on)
    }
    list.setAttribute('data-value', tab.getAttribute('data-value') || '')
    list.setAttribute('data-selected', String(index))
    syncPanels(list)
    if (list.hasAttribute('hx-post')) list.dispatchEvent(new CustomEvent(EVENT))
  }

  document.addEventListener('click', (e) => {
    const tab = e.target instanceof Element ? e.target.closest('.hd-tabs > [role=tab]') : null
    if (!tab || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return
    e.preventDefault()
    select(tab.parentElement, tab, true)
  })

  const KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: 'first', End: 'last' }
  document.addEventListener('keydown', (e) => {
    const tab = e.target instanceof Element ? e.target.closest('.hd-tabs > [role=tab]') : null
    if (!tab || !(e.key in KEYS) || e.altKey || e.ctrlKey || e.metaKey) return
    const list = tab.parentElement
    const vertical = list.getAttribute('aria-orientation') === 'vertical'
    if ((vertical && /Left|Right/.test(e.key)) || (!vertical && /Up|Down/.test(e.key))) return
    e.preventDefault()
    const tabs = tabsOf(list).filter(enabled)
    if (!tabs.length) return
    const move = KEYS[e.key]
    const at = tabs.indexOf(tab)
    const next =
      move === 'first'
        ? tabs[0]
        : move === 'last'
          ? tabs[tabs.length - 1]
          : tabs[(at + move + tabs.length) % tabs.length]
    select(list, next, true)
  })

  // The reader `value` names in the definition: the selected tab's value.
  const hd = (window.hyperdash = window.hyperdash || {})
  hd.readers = hd.readers || {}
  hd.readers.tabs = (el) => el.getAttribute('data-value') || null

  // A callback set `value`: the tab list was rendered again; the panels follow it.
  function init() {
    for (const list of document.querySelectorAll('.hd-tabs')) syncPanels(list)
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target.matches('.hd-tabs')) syncPanels(r.target)
        if (r.type === 'childList')
          for (const n of r.addedNodes)
            if (n instanceof Element) for (const l of n.querySelectorAll('.hd-tabs')) syncPanels(l)
      }
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-selected'],
    })
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init)
  else init()
})()
