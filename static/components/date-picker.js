/**
 * dcc.DatePickerSingle and dcc.DatePickerRange in the browser (views/components/date-picker-*.tsx).
 * Native date inputs do the picking; this module adds what they cannot do:
 * - the `date-range` reader (each end from its own input, null when empty);
 * - `disabled_days`, `min`/`max` and "end before start": such a date is not sent; a status line says
 *   why, and leaving the input puts back the last date it accepted (as Dash's picker does);
 * - a range's end cannot go before its start (the inputs' `min`/`max` follow each other);
 * - `updatemode="bothdates"`: nothing is sent until both ends are set;
 * - the clear button.
 * Loaded once per page, whichever picker asks for it first.
 */
const hd = (window.hyperdash = window.hyperdash || {})
if (!hd.datePicker) {
  hd.datePicker = true
  hd.readers = hd.readers || {}
  hd.readers['date-range'] = (el, prop) => {
    const input = el.querySelector(`input[data-part=${prop === 'end_date' ? 'end' : 'start'}]`)
    return input && input.value ? input.value : null
  }

  const boxOf = (input) =>
    input instanceof HTMLInputElement && input.type === 'date' ? input.closest('.hd-datepicker') : null

  function say(box, text) {
    const msg = box.querySelector('.hd-datepicker-msg')
    if (msg) msg.textContent = text
  }

  /** Why the date in `input` may not be sent; '' to hold it back silently; null when it may. */
  function problem(box, input) {
    const v = input.value
    if (v === '') return null
    // A year still being typed (0002, 0020, 0202…) is not a date the user meant.
    if (Number(v.slice(0, 4)) < 1000) return ''
    const other = box.querySelector(`input[data-part=${input.dataset.part === 'start' ? 'end' : 'start'}]`)
    if (other && other.value) {
      if (input.dataset.part === 'end' && v < other.value)
        return `The end date must be on or after ${other.value}.`
      if (input.dataset.part === 'start' && v > other.value)
        return `The start date must be on or before ${other.value}.`
    }
    if (input.min && v < input.min) return `Pick a date on or after ${input.min}.`
    if (input.max && v > input.max) return `Pick a date on or before ${input.max}.`
    let days = []
    try {
      days = JSON.parse(box.getAttribute('data-disabled-days') || '[]')
    } catch {}
    if (days.includes(v)) return `${v} is not available.`
    return null
  }

  /** A range's inputs keep each other in order: the end's `min` is the start, the start's `max` the end. */
  function link(box) {
    const start = box.querySelector('input[data-part=start]')
    const end = box.querySelector('input[data-part=end]')
    if (!start || !end) return
    const min = box.getAttribute('data-min') || ''
    const max = box.getAttribute('data-max') || ''
    end.min = start.value || min
    start.max = end.value || max
  }

  // Capture: runs before htmx's listener on the picker, and may keep the event from reaching it.
  document.addEventListener(
    'change',
    (e) => {
      const input = e.target
      const box = boxOf(input)
      if (!box) return
      const why = problem(box, input)
      if (why !== null) {
        e.stopImmediatePropagation()
        input.setAttribute('aria-invalid', 'true')
        say(box, why)
        return
      }
      input.removeAttribute('aria-invalid')
      input.dataset.last = input.value
      say(box, '')
      link(box)
      if (box.getAttribute('data-updatemode') === 'bothdates') {
        const parts = [...box.querySelectorAll('input[type=date]')]
        if (parts.some((i) => i.value === '') && parts.some((i) => i.value !== ''))
          e.stopImmediatePropagation()
      }
    },
    true
  )

  // Leaving a date that was not accepted puts back the last one that was.
  document.addEventListener(
    'focusout',
    (e) => {
      const input = e.target
      const box = boxOf(input)
      if (!box || input.getAttribute('aria-invalid') !== 'true') return
      input.value = input.dataset.last || ''
      input.removeAttribute('aria-invalid')
      link(box)
    },
    true
  )

  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('.hd-datepicker-clear') : null
    const box = button && button.closest('.hd-datepicker')
    if (!box) return
    const inputs = [...box.querySelectorAll('input[type=date]')]
    if (inputs.every((i) => i.value === '')) return
    for (const i of inputs) {
      i.value = ''
      i.dataset.last = ''
      i.removeAttribute('aria-invalid')
    }
    say(box, '')
    link(box)
    inputs[0].dispatchEvent(new Event('change', { bubbles: true }))
  })
}
