// `pnpm --filter @llamacloud-chat/openapi lint [file]`: Redocly's lint of the spec, minus the Node 20
// end-of-life banner that @redocly/cli 2.77.0 prints to stderr on every run under Node 20 (unconditionally: no
// option or environment variable turns it off; the telemetry and update notice are turned off by the `lint`
// script's environment). Everything else Redocly prints passes through unchanged, and its exit code is this
// script's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { readSpecOrExit } from './read-spec.mjs';

const require = createRequire(import.meta.url);
const manifest = require.resolve('@redocly/cli/package.json');
const bin = join(dirname(manifest), require(manifest).bin.redocly);

// A file that is not YAML is one line (file:line:col: message) from our reader, not Redocly's report of it.
for (const file of process.argv.slice(2).filter((arg) => !arg.startsWith('-'))) readSpecOrExit(resolve(file));

const redocly = spawn(process.execPath, [bin, 'lint', ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
});

// Redocly writes the banner as one box, between blank lines:
//     ╔═══…═══╗
//     ║  Deprecation warning: Node.js 20 support is ending  ║
//     …
//     ╚═══…═══╝
// A box is held back until it closes, then dropped if it is that banner (with the blank line on each side).
let partial = '';
let box = null;
let blank = null;
let dropNextBlank = false;

function line(text) {
  if (box) {
    box.push(text);
    if (!text.includes('╚')) return;
    const block = box.join('');
    box = null;
    if (block.includes('Node.js 20 support is ending')) {
      blank = null;
      dropNextBlank = true;
    } else {
      flushBlank();
      process.stderr.write(block);
    }
    return;
  }
  if (text.includes('╔')) {
    box = [text];
    return;
  }
  if (text.trim() === '') {
    if (dropNextBlank) dropNextBlank = false;
    else {
      flushBlank();
      blank = text;
    }
    return;
  }
  dropNextBlank = false;
  flushBlank();
  process.stderr.write(text);
}

function flushBlank() {
  if (blank !== null) process.stderr.write(blank);
  blank = null;
}

redocly.stderr.setEncoding('utf8');
redocly.stderr.on('data', (chunk) => {
  partial += chunk;
  for (let end = partial.indexOf('\n'); end !== -1; end = partial.indexOf('\n')) {
    line(partial.slice(0, end + 1));
    partial = partial.slice(end + 1);
  }
});
redocly.stderr.on('end', () => {
  if (partial) line(partial);
  if (box) process.stderr.write(box.join('')); // a box that never closed: not the banner
  flushBlank();
});
// Ctrl-C reaches Redocly too (same process group); this waits for it to stop.
process.on('SIGINT', () => {});
redocly.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + 2 : 1);
});
