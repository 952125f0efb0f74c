/**
 * Client-side callbacks of examples/clientside.tsx: an ES module the page imports (served by the app,
 * no inline script). Each export is a callback: Input and State values, then the context.
 */
const { noUpdate } = window.hyperdash

/** °C → °F, at once, with no request; nothing to convert leaves °F as it is. */
export function toFahrenheit(celsius) {
  if (celsius == null || celsius === '') return noUpdate
  return Math.round(((Number(celsius) * 9) / 5) * 10 + 320) / 10
}
