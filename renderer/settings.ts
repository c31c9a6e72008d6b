// The settings as the shell last read them, for any component below it (the note view reads remoteImages).
import { createContext } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../shared/types';

export const SettingsContext = createContext<Settings>(DEFAULT_SETTINGS);
