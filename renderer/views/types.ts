// What every view component receives from the shell (renderer/App.tsx).
import type { RhizomeClient } from '../../shared/api';
import type { Navigate, Route } from '../nav';

export interface ViewProps {
  client: RhizomeClient;
  route: Route;
  navigate: Navigate;
}

/** The quick switcher (Ctrl/Cmd+K), opened from the top bar. */
export interface QuickSwitcherProps {
  client: RhizomeClient;
  navigate: Navigate;
  open: boolean;
  onClose: () => void;
}
