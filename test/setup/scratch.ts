/**
 * vitest global setup: every temporary file of the run (databases, CLI scratch folders, caches,
 * corpus copies) goes under one folder, removed when the run ends, so repeated runs do not fill the
 * machine's temp directory. Workers start after this and inherit TMPDIR.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'paperbot-test-'));
  // Traversable by others: the test PostgreSQL runs as `nobody` from a folder of its own in here.
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
