// What Storybook's manager panel shares with the devtools panel: the rows and the error boundary.
export { PanelBoundary } from './PanelBoundary.js'
export { devtoolsStore, type DevtoolsRow } from './devtoolsStore.js'
