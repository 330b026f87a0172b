// Reading a spec file for the scripts that start from it (generate, spec:check, lint): a file that is not YAML
// is one line a person can act on, `openapi/openapi.yaml:12:5: <the parser's message>`, then exit 1, instead
// of a stack trace and a dump of the file.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, YAMLParseError } from 'yaml';

/** The repository's root, which the file is named from: the place the user runs the commands. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A file inside the repository by its path from the root; anything else as it was given. */
function shownName(file) {
  if (!isAbsolute(file)) return file;
  const inside = relative(ROOT, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

/**
 * The one line for a YAML parse error of `file`: file, line and column, and the parser's message without its
 * own "at line …, column …:" and the excerpt after it.
 */
export function specErrorLine(file, error) {
  const name = shownName(file);
  const where = error.linePos?.[0];
  const message = String(error.message)
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '');
  return where ? `${name}:${where.line}:${where.col}: ${message}` : `${name}: ${message}`;
}

/** Parses `text` (the content of `file`) as YAML; a parse error becomes a YAMLParseError carrying its line. */
export function parseSpec(text) {
  return parse(text, { prettyErrors: true, uniqueKeys: true });
}

/**
 * The parsed spec in `file`. A file that does not parse, or cannot be read, prints one line to stderr and ends
 * the process with exit code 1.
 */
export function readSpecOrExit(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${shownName(file)}: cannot read it: ${error.message}\n`);
    process.exit(1);
  }
  return parseTextOrExit(file, text);
}

/** As readSpecOrExit, for a spec already read (from git, say); `file` names it in the line. */
export function parseTextOrExit(file, text) {
  try {
    return parseSpec(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    process.stderr.write(`${specErrorLine(file, error)}\n`);
    process.exit(1);
  }
}
