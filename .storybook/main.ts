import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal(viteConfig) {
    // vite.config.ts builds the library; Storybook builds an app from the same plugins and aliases.
    if (viteConfig.build) delete viteConfig.build.lib
    return viteConfig
  },
}

export default config
