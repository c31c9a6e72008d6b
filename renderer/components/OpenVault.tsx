// The "Open a folder" screen: a path field (both hosts) and the recent vaults.
import { useState, type FormEvent } from 'react';
import type { RhizomeClient } from '../../shared/api';
import { failure, useApi, useMutation } from '../data';
import { Icon } from './Icon';
import { LoadError } from './LoadError';

export function OpenVault({ client }: { client: RhizomeClient }) {
  const [path, setPath] = useState('');
  const recentQuery = useApi(client, 'recentVaults', null);
  const recent = recentQuery.data ?? [];
  const recentFailed = failure(recentQuery);
  // (the vault's 'opened' event brings the new status to the shell)
  const opening = useMutation({ mutationFn: (folder: string) => client.openVault({ path: folder.trim() }) });
  const busy = opening.isPending;
  const error = opening.error?.message ?? null;
  const open = (folder: string) => opening.mutate(folder);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) open(path);
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
        {recentFailed && <LoadError what="The recent folders" error={recentFailed.error} retry={recentFailed.retry} compact />}
        {recent.length > 0 && (
          <>
            <h2>Recent</h2>
            <ul className="recent-list">
              {recent.map((v) => (
                <li key={v.path}>
                  <button className="link-button" onClick={() => open(v.path)} title={v.path}>
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
