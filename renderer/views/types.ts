// What every view component receives from the shell (renderer/App.tsx).
import type { RhizomeClient } from '../../shared/api';
import type { Navigate, Route } from '../nav';

export interface ViewProps {
  client: RhizomeClient;
  route: Route;
  navigate: Navigate;
  /** Rewrite the current history entry in place (a view's own filters), so back/forward restore them. */
  replace: Navigate;
}

/** The quick switcher (Ctrl/Cmd+K), opened from the top bar. */
export interface QuickSwitcherProps {
  client: RhizomeClient;
  navigate: Navigate;
  open: boolean;
  onClose: () => void;
}
