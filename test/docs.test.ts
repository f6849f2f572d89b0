// @vitest-environment node
// The README stays short enough to read in minutes, and every relative link in it and in docs/
// leads to a file that exists (the code blocks are checked by package.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const documents = ['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)]

it('README.md is at most 300 lines', () => {
  expect(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300)
})

it('every relative link in README.md, CHANGELOG.md, CONTRIBUTING.md and docs/ resolves to a file', () => {
  const broken: string[] = []
  for (const document of documents) {
    const text = readFileSync(join(root, document), 'utf8').replace(/```[\s\S]*?```/g, '')
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target!)) continue
      const path = target!.split('#')[0]!
      if (!existsSync(join(root, dirname(document), path))) broken.push(`${document}: ${target}`)
    }
  }
  expect(broken).toEqual([])
})
