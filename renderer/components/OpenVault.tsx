// The "Open a folder" screen: a path field (both hosts) and the recent vaults.
import { useEffect, useState, type FormEvent } from 'react';
import type { RhizomeClient } from '../../shared/api';
import type { RecentVault } from '../../shared/types';
import { Icon } from './Icon';

export function OpenVault({ client }: { client: RhizomeClient }) {
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<RecentVault[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client.recentVaults().then(setRecent, () => setRecent([]));
  }, [client]);

  const open = async (folder: string) => {
    setBusy(true);
    setError(null);
    try {
      await client.openVault({ path: folder.trim() });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void open(path);
  };

  return (
    <div className="open-vault">
      <div className="open-vault-card">
        <h1>Open a folder of notes</h1>
        <p className="muted">
          Rhizome reads a folder of Markdown notes (a Hugo site, an ox-hugo export, an Obsidian vault…) and never
          writes into it.
          {client.host === 'electron' && ' Use File → Open Folder… (Ctrl+O), or type a path.'}
        </p>
        <form onSubmit={submit} className="open-vault-form">
          <input
            aria-label="Folder path"
            placeholder="/home/me/notes"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoFocus
          />
          <button type="submit" className="primary" disabled={busy || !path.trim()}>
            {busy ? 'Opening…' : 'Open'}
          </button>
        </form>
        {error && <p className="error-text" role="alert">{error}</p>}
        {recent.length > 0 && (
          <>
            <h2>Recent</h2>
            <ul className="recent-list">
              {recent.map((v) => (
                <li key={v.path}>
                  <button className="link-button" onClick={() => void open(v.path)} title={v.path}>
                    <Icon name="folder" size={16} /> <strong>{v.name}</strong> <span className="muted">{v.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
