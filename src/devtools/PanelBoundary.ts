import { Component, createElement as h, type ReactNode } from 'react'

interface State {
  error?: unknown
}

/**
 * Keeps a panel's own failure inside the panel: whatever goes wrong while it renders an event,
 * the app (or Storybook's manager) around it stays mounted, and the panel says what happened.
 */
export class PanelBoundary extends Component<{ children?: ReactNode }, State> {
  override state: State = {}

  static getDerivedStateFromError(error: unknown): State {
    return { error }
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children
    const message = this.state.error instanceof Error ? this.state.error.message : String(this.state.error)
    return h('p', { role: 'alert', style: { padding: 8, margin: 0, color: '#b3261e' } }, `The tracking panel could not show its events: ${message}`)
  }
}
