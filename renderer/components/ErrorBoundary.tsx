// Keeps a failing view from taking the whole shell down: shows the error in place of the view.
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing it clears a shown error (e.g. on navigation). */
  resetKey: unknown;
}

export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="view-error" role="alert">
          <h2>This view failed</h2>
          <pre>{this.state.error.message}</pre>
        </div>
      );
    }
    return this.props.children;
  }
}
