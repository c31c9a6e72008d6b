// The index DB's meta table behind one typed accessor (electron/engine/store/meta.ts).
import { describe, expect, it } from 'vitest';
import { getMeta, setMeta } from '../../electron/engine/store/meta';
import { INDEX_VERSION, openIndex } from '../../electron/engine/store/schema';

describe('meta', () => {
  it('reads numbers as numbers and text as text, null for a key not set; null deletes', () => {
    const { db } = openIndex(':memory:');
    try {
      expect(getMeta(db, 'index_version')).toBe(INDEX_VERSION);
      expect(getMeta(db, 'generation')).toBeNull();
      setMeta(db, 'indexing_pid', 4242);
      expect(getMeta(db, 'indexing_pid')).toBe(4242);
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'indexing_pid'`).pluck().get()).toBe('4242');
      setMeta(db, 'needs_resolve', 'all');
      expect(getMeta(db, 'needs_resolve')).toBe('all');
      setMeta(db, 'needs_resolve', null);
      expect(getMeta(db, 'needs_resolve')).toBeNull();
      expect(db.prepare(`SELECT count(*) FROM meta WHERE key = 'needs_resolve'`).pluck().get()).toBe(0);
      // @ts-expect-error a key the index does not hold is a type error
      expect(getMeta(db, 'needs_reslove')).toBeNull();
    } finally {
      db.close();
    }
  });
});
