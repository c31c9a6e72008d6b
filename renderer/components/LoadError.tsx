// A view's failed query, shown where its data would be: what could not be read, the API's message, and a
// Retry that asks again (renderer/data.ts `failure`).
import type { ApiError } from '../../shared/api';

export function LoadError({ what, error, retry, compact = false }: { what: string; error: Pick<ApiError, 'message'>; retry: () => void; compact?: boolean }) {
  return (
    <div className={`load-error${compact ? ' compact' : ''}`} role="alert" data-testid="load-error">
      <span className="load-error-text">
        {what} could not be read: <span className="load-error-message">{error.message}</span>
      </span>
      <button type="button" className="load-error-retry" onClick={retry}>
        Retry
      </button>
    </div>
  );
}
