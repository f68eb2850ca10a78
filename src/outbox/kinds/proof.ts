import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ledgerText, type ProofStore } from '../../core/index.js';
import { defineKind, type Rendered } from '../kind.js';

/** What sending proof photos needs: the stored images, and a folder to write them to before sending. */
export interface ProofRendering {
  readonly proofs: Pick<ProofStore, 'files'>;
  readonly filesDir: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * An entry's proof photos (bukti/nota) to a pengurus's private chat: read from the database when sent,
 * written to a temporary folder the channel streams them from, and removed after.
 */
export function proofKind(deps: ProofRendering | undefined) {
  return defineKind({
    name: 'proof',
    payload: z.object({ number: z.number().int(), ids: z.array(z.number().int()).min(1) }),
    async render({ number, ids }): Promise<Rendered> {
      if (!deps) throw new Error('a proof message reached a dispatcher without proof rendering');
      const files = await deps.proofs.files(ids);
      if (files.length === 0) return { ok: false, why: 'proof photos no longer stored' };
      const dir = await mkdtemp(path.join(deps.filesDir, 'wksbm-bukti-'));
      const cleanup = () => rm(dir, { recursive: true, force: true });
      try {
        const documents = await Promise.all(
          files.map(async (file, index) => {
            const fileName = `bukti-${number}-${index + 1}.${EXTENSIONS[file.mimeType] ?? 'bin'}`;
            const filePath = path.join(dir, fileName);
            await writeFile(filePath, file.content);
            return { fileName, path: filePath, mimeType: file.mimeType };
          }),
        );
        return { ok: true, message: { type: 'replies', replies: [{ text: ledgerText.proofCaption(number, files.length) }], documents }, cleanup };
      } catch (error) {
        await cleanup();
        throw error;
      }
    },
  });
}
