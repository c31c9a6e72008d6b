// Settings: each with its scope said (every vault, or this vault), saved as it changes.
import { useEffect, useRef } from 'react';
import { SETTING_SCOPE, type Settings } from '../../shared/types';
import { LoadError } from './LoadError';
import './settings.css';

interface Props {
  settings: Settings;
  /** Whether a vault is open (vault settings need one). */
  vaultOpen: boolean;
  onChange: (changes: Partial<Settings>) => void;
  onClose: () => void;
  /** The settings could not be read (the defaults are shown): why, and a retry. */
  failed?: { error: Error; retry: () => void } | null;
}

const scopeNote = (key: keyof Settings) => (SETTING_SCOPE[key] === 'app' ? 'every vault' : 'this vault');

export function SettingsDialog({ settings, vaultOpen, onChange, onClose, failed }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="settings-dialog" aria-label="Settings" onClose={onClose} onClick={(e) => e.target === ref.current && ref.current?.close()}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), ref.current?.close())}>
        <h2>Settings</h2>
        {failed && <LoadError what="The settings" error={failed.error} retry={failed.retry} compact />}
        <fieldset>
          <legend>Theme <small>{scopeNote('theme')}</small></legend>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="theme" checked={settings.theme === t} onChange={() => onChange({ theme: t })} /> {t === 'system' ? 'Follow the system' : t[0].toUpperCase() + t.slice(1)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Remote images <small>{scopeNote('remoteImages')}</small></legend>
          <label>
            <input type="radio" name="remoteImages" checked={settings.remoteImages === 'show'} onChange={() => onChange({ remoteImages: 'show' })} /> Show images from the web
          </label>
          <label>
            <input type="radio" name="remoteImages" checked={settings.remoteImages === 'block'} onChange={() => onChange({ remoteImages: 'block' })} /> Block them (nothing is fetched; a placeholder names the site)
          </label>
        </fieldset>
        <fieldset disabled={!vaultOpen}>
          <legend>Local graph depth <small>{scopeNote('graphDepth')}</small></legend>
          <select aria-label="Local graph depth" value={settings.graphDepth} onChange={(e) => onChange({ graphDepth: Number(e.target.value) as Settings['graphDepth'] })}>
            {[1, 2, 3].map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? 'link' : 'links'} away
              </option>
            ))}
          </select>
        </fieldset>
        <fieldset disabled={!vaultOpen}>
          <legend>Org heading nodes <small>{scopeNote('graphHeadingNodes')}</small></legend>
          <label>
            <input type="checkbox" checked={settings.graphHeadingNodes} onChange={(e) => onChange({ graphHeadingNodes: e.target.checked })} /> Headings with an :ID: as graph nodes of their own
          </label>
        </fieldset>
        <fieldset>
          <legend>WebGL graph above <small>{scopeNote('webglThreshold')}</small></legend>
          <label>
            <input
              type="number"
              aria-label="WebGL threshold"
              min={0}
              step={500}
              defaultValue={settings.webglThreshold}
              onBlur={(e) => {
                const n = Math.round(Number(e.target.value));
                if (Number.isFinite(n) && n >= 0 && n !== settings.webglThreshold) onChange({ webglThreshold: n });
              }}
            />{' '}
            nodes (drawn on the GPU: faster for large graphs, plainer)
          </label>
        </fieldset>
        <div className="settings-actions">
          <button type="submit">Done</button>
        </div>
      </form>
    </dialog>
  );
}
