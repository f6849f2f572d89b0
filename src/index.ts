export * from './core.js'
export * from './react.js'
