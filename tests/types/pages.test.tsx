/**
 * @module pages.test
 * Type tests: a page's `pathTemplate` types its layout's and title's path variables; a variable the
 * template does not name is an error (`@ts-expect-error` lines make `tsc --noEmit` fail if one of them
 * starts to compile). The runtime check shows the page is registered.
 */
import { expect, expectTypeOf, it } from 'vitest'
import { createApp, type PathVariables } from '../../src/index.ts'
import { PageContainer } from '../../views/components/index.ts'

it('types the path variables a template names', () => {
  expectTypeOf<PathVariables<'/report/<id>/<part>'>>().toEqualTypeOf<{ id: string } & { part: string }>()
  const app = createApp({ layout: <PageContainer /> })
  app.registerPage({
    pathTemplate: '/report/<id>',
    title: ({ id }) => `Report ${id}`,
    layout: ({ id, view }) => {
      expectTypeOf(id).toEqualTypeOf<string>()
      expectTypeOf(view).toEqualTypeOf<string | string[] | undefined>()
      return <p>{id}</p>
    },
  })
  app.registerPage({
    pathTemplate: '/item/<sku>',
    // @ts-expect-error: the template names no `id`
    title: ({ id }) => `Item ${id}`,
    layout: <p />,
  })
  expect(app.pageRegistry.map((p) => p.pathTemplate)).toEqual(['/report/<id>', '/item/<sku>'])
})
