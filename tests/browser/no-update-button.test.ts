import { expect, it } from 'vitest'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/no-update-button.tsx')).app)

it('keeps the div empty on load (noUpdate) and shows the secret after a click', async () => {
  const { page, errors } = await app.open()
  expect(await page.textContent('#body-div')).toBe('')
  await page.click('#show-secret')
  await page.waitForFunction(() => document.getElementById('body-div')!.textContent !== '')
  expect(await page.textContent('#body-div')).toBe("Elephants are the only animal that can't jump")
  await settled(page)
  expect(errors).toEqual([])
})
