/**
 * dcc.Upload in the browser (views/components/upload.tsx). The native file input does the work:
 * choosing files fires `change`, which sends them (static/hyperdash.js builds a multipart body for
 * elements marked `hd-upload`). This module adds drag and drop onto the zone, and the `upload`
 * reader: `filename` and `last_modified` of the files chosen; `contents` is always null here, since
 * the server reads the files themselves.
 */
;(() => {
  'use strict'
  const hd = (window.hyperdash = window.hyperdash || {})
  if (hd.upload) return
  hd.upload = true

  const inputOf = (el) => el.querySelector('input[type=file]')

  hd.readers = hd.readers || {}
  hd.readers['upload'] = (el, prop) => {
    const input = inputOf(el)
    const files = input && input.files ? [...input.files] : []
    if (prop === 'contents' || !files.length) return null
    const values = files.map((f) => (prop === 'filename' ? f.name : f.lastModified / 1000))
    return input.multiple ? values : values[0]
  }

  const zoneOf = (e) => {
    const t = e.target instanceof Element ? e.target : null
    const root = t && t.closest('.hd-upload')
    const input = root && inputOf(root)
    return input && !input.disabled ? { root, input } : null
  }
  const activeClass = (root) => root.getAttribute('data-active-class') || 'hd-upload-active'

  document.addEventListener('dragover', (e) => {
    const z = zoneOf(e)
    if (!z) return
    e.preventDefault()
    z.root.classList.add(activeClass(z.root))
  })
  document.addEventListener('dragleave', (e) => {
    const z = zoneOf(e)
    if (z && !z.root.contains(e.relatedTarget)) z.root.classList.remove(activeClass(z.root))
  })
  document.addEventListener('drop', (e) => {
    const z = zoneOf(e)
    if (!z || !e.dataTransfer) return
    e.preventDefault()
    z.root.classList.remove(activeClass(z.root))
    const dropped = [...e.dataTransfer.files]
    if (!dropped.length) return
    const list = new DataTransfer()
    for (const f of z.input.multiple ? dropped : dropped.slice(0, 1)) list.items.add(f)
    z.input.files = list.files
    z.input.dispatchEvent(new Event('change', { bubbles: true }))
  })
})()
