// The chat page's size as a browser downloads it: the files of @llamacloud-chat/web's built page (its esbuild
// bundle, minified, with the client inside; its HTML and CSS), each gzipped as a server would send it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PAGE_DIR } from '@llamacloud-chat/web';

const FILES = ['app.js', 'app.css', 'index.html'] as const;
/** A guard against the page growing unnoticed; it was 17.4 KB gzipped when written (2026-12-02). */
const TARGET_GZIPPED = 20 * 1024;

export async function pageBundle(
  fmt: (n: number) => string,
  table: (header: string[], rows: (string | number)[][]) => string,
): Promise<[string, string, boolean][]> {
  const sizes = await Promise.all(
    FILES.map(async (name) => {
      const bytes = await readFile(join(PAGE_DIR, name));
      return { name, raw: bytes.byteLength, gzipped: gzipSync(bytes, { level: 9 }).byteLength };
    }),
  );
  const total = sizes.reduce(
    (sum, size) => ({ raw: sum.raw + size.raw, gzipped: sum.gzipped + size.gzipped }),
    {
      raw: 0,
      gzipped: 0,
    },
  );
  console.log(
    '\n7. The chat page (packages/web): what a browser downloads, esbuild-minified, each file gzipped',
  );
  console.log(
    table(
      ['file', 'bytes', 'gzipped (B)'],
      [
        ...sizes.map((s) => [s.name, fmt(s.raw), fmt(s.gzipped)]),
        ['total', fmt(total.raw), fmt(total.gzipped)],
      ],
    ),
  );
  return [
    ['page ≤ 20 KB gzipped (JS, CSS and HTML)', `${fmt(total.gzipped)} B`, total.gzipped <= TARGET_GZIPPED],
  ];
}
