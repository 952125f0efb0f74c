/**
 * dcc.ConfirmDialog / dcc.ConfirmDialogProvider in the browser (views/components/confirm-dialog.tsx).
 * Opens the native modal `<dialog>` (`showModal()`) when `data-displayed` becomes "true" (a callback
 * set `displayed`) or when the provider's child is clicked; when it closes (OK, Cancel, Escape),
 * counts OK/Cancel in the `data-*-n-clicks` attributes the `counter` reader reads, sets
 * `data-displayed` back to "false", gives the focus back, and fires `confirm-submit` or
 * `confirm-cancel` on the component, which sends the update.
 */
;(() => {
  'use strict'
  const hd = (window.hyperdash = window.hyperdash || {})
  if (hd.confirmDialog) return
  hd.confirmDialog = true
  hd.readers = hd.readers || {}
  hd.readers['confirm-displayed'] = (el) => el.getAttribute('data-displayed') === 'true'

  /** dialog → the element that had the focus before it opened. */
  const opener = new WeakMap()

  function open(root) {
    const dialog = root.querySelector(':scope > dialog')
    if (!dialog || dialog.open) return
    opener.set(dialog, document.activeElement)
    dialog.returnValue = ''
    root.setAttribute('data-displayed', 'true')
    dialog.showModal()
  }

  function bump(root, prop) {
    const n = Number(root.getAttribute(`data-${prop}-n-clicks`)) || 0
    root.setAttribute(`data-${prop}-n-clicks`, String(n + 1))
    root.setAttribute(`data-${prop}-n-clicks-timestamp`, String(Date.now()))
  }

  // `close` does not bubble: listen in the capture phase, for every dialog, present and future.
  document.addEventListener(
    'close',
    (e) => {
      const dialog = e.target
      if (!(dialog instanceof HTMLDialogElement) || !dialog.classList.contains('hd-confirm-dialog')) return
      const root = dialog.parentElement
      if (!root) return
      const ok = dialog.returnValue === 'ok'
      bump(root, ok ? 'submit' : 'cancel')
      root.setAttribute('data-displayed', 'false')
      const back = opener.get(dialog)
      if (back && back.isConnected && typeof back.focus === 'function') back.focus()
      root.dispatchEvent(new Event(ok ? 'confirm-submit' : 'confirm-cancel'))
    },
    true
  )

  // The provider: a click on its child (not inside the dialog) asks first.
  document.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target : null
    const root = t && t.closest('.hd-confirm-provider')
    if (!root || t.closest('dialog')) return
    open(root)
  })

  // `displayed` set by the server (first page or a callback's answer): open what must be shown.
  function sync() {
    for (const root of document.querySelectorAll('.hd-confirm[data-displayed="true"]')) open(root)
  }
  new MutationObserver(sync).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-displayed'],
  })
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', sync)
  else sync()
})()
