// The settings as the shell last read them, for any component below it (the note view reads remoteImages,
// the graph its depth, heading nodes and WebGL threshold), and the shell's one way to change them: a view
// that changes a setting goes through it, so the Settings dialog and the view always show the same value.
import { createContext } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../shared/types';

export const SettingsContext = createContext<Settings>(DEFAULT_SETTINGS);

/** Saves changed settings (the shell's `changeSettings`: shown at once, then stored in their scope). */
export const ChangeSettingsContext = createContext<(changes: Partial<Settings>) => void>(() => {});
