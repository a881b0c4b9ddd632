import { lstat, mkdir, open, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';

/**
 * The file-system calls a checkpoint write makes, one method per step, so that a test can stop a
 * write at any one of them (as a `kill -9` would) and check what is left on disk.
 */
export interface CheckpointFileSystem {
  mkdir(path: string): Promise<void>;
  /** Writes and flushes a whole file (a crash after it leaves the bytes on disk). */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Creates a relative symbolic link `path` → `target`. */
  symlink(target: string, path: string): Promise<void>;
  rm(path: string): Promise<void>;
  /** The link's target, or undefined when `path` is not a symbolic link (or is absent). */
  readlink(path: string): Promise<string | undefined>;
  /** 'directory', 'link', 'file' or undefined when absent. */
  kind(path: string): Promise<'directory' | 'link' | 'file' | undefined>;
  readdir(path: string): Promise<readonly string[]>;
}

/** The real file system (node:fs/promises). */
export const nodeCheckpointFileSystem: CheckpointFileSystem = {
  mkdir: async (path) => {
    await mkdir(path, { recursive: true });
  },
  writeFile: async (path, data) => {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  symlink: (target, path) => symlink(target, path, 'junction'),
  rm: (path) => rm(path, { recursive: true, force: true }),
  readlink: async (path) => {
    try {
      return await readlink(path);
    } catch {
      return undefined;
    }
  },
  kind: async (path) => {
    try {
      const stats = await lstat(path);
      return stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'directory' : 'file';
    } catch {
      return undefined;
    }
  },
  readdir: async (path) => {
    try {
      return await readdir(path);
    } catch {
      return [];
    }
  },
};
