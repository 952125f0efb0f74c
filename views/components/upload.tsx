/**
 * @module upload
 * `dcc.Upload`: a native `<input type="file">` inside a label that is also a drop zone. The files go
 * to the server as multipart (`POST <base>/_hd/upload`, src/server/upload-route.ts), never inside the
 * page's state: the server turns each into Dash's `contents` (a `data:` URL) and hands it to the
 * callbacks that take it, once. static/components/upload.js adds drag and drop and the reader.
 * Without JavaScript the file input is a field of the page's form, posted as multipart to the page.
 */
import { z } from 'zod'
import { MAX_TEXT } from '../../src/protocol/components.ts'
import { UPDATE_PATH, UPLOAD_ATTR, UPLOAD_PATH } from '../../src/protocol/constants.ts'
import { defineComponent, formAttrs } from './define.ts'

/** Most files one upload may carry (`multiple`). */
export const MAX_FILES = 1000
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).max(MAX_FILES)]).nullable()
const name = z.string().max(1024)
/** Seconds since the epoch, as Dash gives them (`File.lastModified / 1000`). */
const seconds = z.number().min(0).max(8.64e12)

// The upload route fills these from the multipart body; in a JSON update they can only be what the
// reader sends (`contents` is always null there: it is delivered once, with the upload).
// Without JavaScript its file input is a field of the page's form (multipart): `contents` and
// `filename` are `file` fields, the form route reads the files (src/server/form-route.ts).
const fromFiles = (schema: z.ZodType, form: 'file' | null = null) =>
  ({ schema, event: 'change', read: 'upload', form }) as const

/**
 * @example <Upload id="upload" max_size={1_000_000}>Drop a file here, or <u>choose one</u></Upload>
 */
export const Upload = defineComponent({
  name: 'dcc.Upload',
  props: {
    children: z.unknown(),
    /** Each file as a `data:<type>;base64,…` URL; a list when `multiple`. */
    contents: oneOrMany(z.string()),
    filename: oneOrMany(name),
    last_modified: oneOrMany(seconds),
    /** Several files at once (then `contents`, `filename`, `last_modified` are lists). */
    multiple: z.boolean(),
    /** File types the picker offers (`.csv,image/*`), as the `accept` attribute. */
    accept: z.string().max(MAX_TEXT),
    /** Largest file, in bytes; -1: no limit of its own (the app's `maxUploadBytes` still holds). */
    max_size: z.number().int().min(-1),
    /** Smallest file, in bytes. */
    min_size: z.number().int().min(0),
    disabled: z.boolean(),
    /** Only drag and drop: a click does not open the picker. */
    disable_click: z.boolean(),
    /** Class added while files are dragged over it. */
    className_active: z.string().max(1024),
    className_disabled: z.string().max(1024),
  },
  browser: {
    contents: fromFiles(oneOrMany(z.string().max(0)), 'file'),
    filename: fromFiles(oneOrMany(name), 'file'),
    last_modified: fromFiles(oneOrMany(seconds)),
  },
  scripts: [new URL('../../static/components/upload.js', import.meta.url)],
  styles: [new URL('../../static/components/upload.css', import.meta.url)],
  render: (p) => {
    const hd = p.hd && { ...p.hd }
    // Its requests go to the upload route, with the files (static/hyperdash.js, `hd-upload`).
    if (hd?.['hx-post']) {
      hd['hx-post'] = hd['hx-post'].slice(0, -UPDATE_PATH.length) + UPLOAD_PATH
      hd[UPLOAD_ATTR] = ''
    }
    const Zone = p.disable_click ? 'div' : 'label'
    // One file input carries both: the form names it by whichever prop a callback reads.
    const field = formAttrs(p, p.hdNames?.['contents'] ? 'contents' : 'filename')
    return (
      <div
        id={p.id}
        class={['hd-upload', p.className, p.disabled ? (p.className_disabled ?? 'hd-upload-disabled') : '']
          .filter(Boolean)
          .join(' ')}
        style={p.style}
        data-active-class={p.className_active}
        {...hd}
      >
        <Zone class="hd-upload-zone">
          {(p.children as never) ?? 'Drag and drop or select a file'}
          <input
            type="file"
            class="hd-upload-input"
            {...field}
            accept={p.accept}
            multiple={p.multiple}
            disabled={p.disabled}
            tabindex={p.disable_click ? -1 : undefined}
          />
        </Zone>
      </div>
    )
  },
})

export type UploadProps = Omit<Parameters<typeof Upload>[0], 'hd'>
