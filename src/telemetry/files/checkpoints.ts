import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * How far the tailer has read one file. A file is known by its device and inode and by a hash of
 * its first bytes: the inode follows a file through a rename (rotation), the hash tells a reused
 * inode or a rewritten file apart, and finds a file's content again in a copy or a `.gz` archive.
 */
const checkpointSchema = z.object({
  /** File name when last seen, for people reading the file. */
  name: z.string(),
  dev: z.number(),
  ino: z.number(),
  /** sha256 (hex) of the first `headLen` bytes of the content (decompressed for an archive). */
  head: z.string(),
  headLen: z.number().int().nonnegative(),
  /** Bytes of content consumed and acknowledged: the next line starts here. */
  offset: z.number().int().nonnegative(),
  /** Lines consumed, for reject line numbers. */
  line: z.number().int().nonnegative(),
  /** A `.gz` archive; `size` is its compressed size, `done` once read to its end. */
  archive: z.boolean(),
  size: z.number().int().nonnegative(),
  done: z.boolean(),
  /** Epoch ms the file was last seen in the directory; unseen checkpoints are forgotten in time. */
  seenAt: z.number(),
});

export type FileCheckpoint = z.infer<typeof checkpointSchema>;

const fileSchema = z.object({ version: z.literal(1), files: z.array(checkpointSchema) });

/** The checkpoints in `path`; none when the file does not exist yet. Throws on a corrupt file. */
export async function loadCheckpoints(path: string): Promise<FileCheckpoint[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = fileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: not a checkpoint file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.files;
}

/**
 * Replaces the checkpoint file atomically: write a temporary file, fsync it, rename it over the
 * old one, fsync the directory. A crash leaves either the old or the new checkpoints, never half.
 */
export async function saveCheckpoints(path: string, files: readonly FileCheckpoint[]): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify({ version: 1, files }));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
