/**
 * @module batches
 * A queue read in batches: each read takes everything pushed since the previous one, waiting until
 * there is something or the queue has ended. The one place where a producer wakes a consumer: the
 * wave reads its settled calls from one, and its consumers (responses, streams, the page) read its
 * results from another. One reader at a time.
 */
export class Batches<T> implements AsyncIterable<T[]> {
  #items: T[] = []
  #ended = false
  #wake: (() => void) | null = null

  /** Adds an item and wakes the reader. Ignored once the queue has ended. */
  push(item: T): void {
    if (this.#ended) return
    this.#items.push(item)
    this.#wake?.()
  }

  /** No more items: a waiting read returns what is left (maybe nothing). */
  end(): void {
    this.#ended = true
    this.#wake?.()
  }

  /** Items pushed and not read yet. */
  get size(): number {
    return this.#items.length
  }

  /** Everything pushed since the previous read, at once (maybe nothing). */
  take(): T[] {
    return this.#items.splice(0)
  }

  /** True once the queue has ended and every item has been read. */
  get done(): boolean {
    return this.#ended && this.#items.length === 0
  }

  /**
   * Everything pushed since the previous read, once there is at least one item or the queue has
   * ended; `[]` at the end, or when `until` settles first (a deadline).
   */
  async read(until?: Promise<unknown>): Promise<T[]> {
    if (this.#items.length === 0 && !this.#ended) {
      const ready = new Promise<void>((resolve) => (this.#wake = resolve))
      await (until ? Promise.race([ready, until]) : ready)
      this.#wake = null
    }
    return this.#items.splice(0)
  }

  /**
   * Reads for up to `ms` (`Infinity`: to the end): every item pushed by then, and whether the queue
   * is done (ended and all read).
   */
  async readFor(ms: number): Promise<{ items: T[]; done: boolean }> {
    let timer: ReturnType<typeof setTimeout> | undefined
    let late = false
    const deadline =
      ms === Infinity
        ? undefined
        : new Promise<void>((resolve) => {
            timer = setTimeout(() => {
              late = true
              resolve()
            }, ms)
          })
    const items: T[] = []
    try {
      while (!this.done && !late) for (const item of await this.read(deadline)) items.push(item)
    } finally {
      clearTimeout(timer)
    }
    return { items, done: this.done }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T[]> {
    while (!this.done) {
      const batch = await this.read()
      if (batch.length) yield batch
    }
  }
}
