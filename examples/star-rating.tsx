/**
 * A component written outside hyperdash, with the same API as dcc.*: a star rating whose `value`
 * is an Input. One module declares it (props, which event changes `value`, the reader that reads it,
 * the script that registers that reader); docs/components.md walks through it.
 */
import { z } from 'zod'
import { createApp, Input, isMain, Output, ref } from '../src/index.ts'
import { defineComponent } from '../views/components/index.ts'

export const StarRating = defineComponent({
  name: 'StarRating',
  props: {
    /** The stars given, 0 (none) to `max`. */
    value: z.number().int().min(0).max(10).nullable(),
    /** How many stars to show. */
    max: z.number().int().min(1).max(10),
    /** Read by screen readers: what is being rated. */
    label: z.string(),
  },
  browser: {
    // A click on a star changes `value`; the browser reads it with the reader `star-rating`,
    // registered by ./assets/star-rating.js. `keep`: a re-render keeps what the user picked.
    value: { event: 'click', read: 'star-rating', keep: true },
  },
  scripts: [new URL('./assets/star-rating.js', import.meta.url)],
  render: (p) => {
    const max = p.max ?? 5
    const value = p.value ?? 0
    return (
      <div
        id={p.id}
        class={['star-rating', p.className].filter(Boolean).join(' ')}
        style={p.style}
        role="group"
        aria-label={p.label ?? 'Rating'}
        data-value={String(value)}
        {...p.hd}
      >
        {Array.from({ length: max }, (_, i) => (
          <button
            type="button"
            data-star={String(i + 1)}
            aria-label={`${i + 1} star${i ? 's' : ''}`}
            aria-pressed={i < value ? 'true' : 'false'}
          >
            {i < value ? '★' : '☆'}
          </button>
        ))}
      </div>
    )
  },
})

const rating = ref(StarRating, 'rating')

export const app = createApp({
  title: 'A component of your own: star rating',
  layout: (
    <div>
      <p>How was it?</p>
      <StarRating id={rating.id} max={5} value={0} label="Your rating" />
      <p id="said" />
    </div>
  ),
})

app.callback(Output('said', 'children'), [Input(rating, 'value')], (stars) =>
  stars ? `You gave ${stars} star${stars > 1 ? 's' : ''}: ${stars}` : 'Not rated yet'
)

if (isMain(import.meta)) app.listen()
