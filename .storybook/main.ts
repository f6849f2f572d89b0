import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

const source = (file: string): string => fileURLToPath(new URL(`../src/storybook/${file}`, import.meta.url))

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  // Runs the stories (and their play functions' expectTracking) as Vitest tests: `npm test` does.
  addons: ['@storybook/addon-vitest'],
  // The trackplan/storybook addon, taken from the source: what `addons: ['trackplan/storybook']` adds.
  previewAnnotations: (entries: string[] = []) => [...entries, source('preview.tsx')],
  managerEntries: (entries: string[] = []) => [...entries, source('manager.ts')],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal(viteConfig) {
    // vite.config.ts builds the library; Storybook builds an app from the same plugins and aliases.
    if (viteConfig.build) delete viteConfig.build.lib
    return viteConfig
  },
}

export default config
