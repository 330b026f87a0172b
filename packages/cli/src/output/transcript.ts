// A session's history as a transcript to read on a terminal: the user's input, the model's thinking, tool calls
// with their arguments and what they returned, the answer, and how each turn ended. Streamed pieces (deltas) are
// shown only when no whole event follows them. An event of a type this CLI does not know is shown generically,
// never dropped and never fatal. All server text goes through printable(). On a terminal, headings are bold and
// coloured by who speaks (the style); the words are the same without it.
import type { ChatRetrieveResponse } from '@llamacloud-chat/client';
import { indexesText, outcomeText, sharedAccessText, skippedText } from './session-view.js';
import { plain, type Style } from './style.js';
import { printable, printableLines } from './text.js';

/** A tool result or unknown event longer than this many lines is cut, saying how to see all of it. */
export const MAX_VALUE_LINES = 20;

const INDENT = '  ';

/** The transcript's lines (no trailing newline). */
export function transcript(session: ChatRetrieveResponse, style: Style = plain): string[] {
  const title = printable(session.generated_title ?? '(untitled)');
  const shared = sharedAccessText(session.shared_access);
  const header = [
    style('bold', `Session ${printable(session.session_id)}: ${title}`),
    style(
      'dim',
      `Last updated ${printable(String(session.last_updated_at))} · indexes ${indexesText(session.index_ids)}` +
        (shared ? ` · share link: ${shared}` : ''),
    ),
  ];
  const events: unknown[] = Array.isArray(session.events) ? session.events : [];
  if (!events.length) return [...header, '', 'No turns yet.'];

  const blocks: string[][] = [];
  let pending: { kind: 'thinking' | 'text'; content: string } | undefined;
  const flush = () => {
    if (pending) blocks.push(block(HEADINGS[pending.kind], textLines(pending.content), style));
    pending = undefined;
  };
  for (const item of events) {
    const event: Record<string, unknown> = isObject(item) ? item : { value: item };
    const type = event.type;
    if (type === 'thinking_delta' || type === 'text_delta') {
      const kind = type === 'thinking_delta' ? 'thinking' : 'text';
      if (pending?.kind !== kind) flush();
      pending = { kind, content: (pending?.content ?? '') + textOf(event.content) };
      continue;
    }
    // The whole thinking or answer replaces the pieces that streamed before it.
    if (pending && pending.kind === type) pending = undefined;
    flush();
    blocks.push(render(event, isObject(item), style));
  }
  flush();
  return [...header, ...blocks.flatMap((lines) => ['', ...lines])];
}

const HEADINGS = { thinking: 'Thinking', text: 'Answer' } as const;

function render(event: Record<string, unknown>, isEvent: boolean, style: Style): string[] {
  switch (isEvent ? event.type : undefined) {
    case 'user_input':
      return block('User', textLines(event.content), style);
    case 'thinking':
      return block(HEADINGS.thinking, textLines(event.content), style);
    case 'text':
      return block(HEADINGS.text, textLines(event.content), style);
    case 'tool_call':
      return block(`Tool call ${toolName(event)}`, argumentLines(event.arguments), style);
    case 'tool_result': {
      const image = event.image_attachment;
      const imageLine = isObject(image)
        ? [`image: ${textOf(image.attachment_name)} of ${textOf(image.source_id)}`]
        : [];
      return block(`Tool result ${toolName(event)}`, [...valueLines(event.result), ...imageLine], style);
    }
    case 'stop': {
      const usage = isObject(event.usage) ? event.usage : undefined;
      const outcome = outcomeText(
        { is_error: event.is_error === true, error: textOrNull(event.error) },
        usage,
      );
      const failed = event.is_error === true;
      const skipped = skippedText(event.skipped_index_ids);
      return [
        style(failed ? ['bold', 'red'] : 'green', outcome.charAt(0).toUpperCase() + outcome.slice(1)),
        ...(skipped ? [style('yellow', INDENT + skipped)] : []),
      ];
    }
    default: {
      const { type, ...rest } = event;
      const name =
        isEvent && type !== undefined ? `Event ${printable(JSON.stringify(type))}` : 'Event (no type)';
      return block(name, valueLines(isEvent ? rest : event.value), style);
    }
  }
}

/** Who speaks, by colour: the user, the model thinking, the model answering, tools, anything else. */
function headingStyle(heading: string): Parameters<Style>[0] {
  if (heading === 'User') return ['bold', 'cyan'];
  if (heading === HEADINGS.text) return ['bold', 'green'];
  if (heading === HEADINGS.thinking) return ['bold', 'dim'];
  if (heading.startsWith('Tool ')) return ['bold', 'yellow'];
  return ['bold', 'magenta'];
}

/** A heading and its body, indented under it; no line of it can carry a control character to the terminal. */
function block(heading: string, body: string[], style: Style): string[] {
  const dim = heading === HEADINGS.thinking;
  return [
    style(headingStyle(heading), printable(heading)),
    ...body.map((line) => (line ? INDENT + (dim ? style('dim', printable(line)) : printable(line)) : line)),
  ];
}

/** `search_index (call-001)` */
function toolName(event: Record<string, unknown>): string {
  return `${textOf(event.name)} (${textOf(event.call_id)})`;
}

/** One line per argument, `name: <JSON value>`; anything but an object is shown as a value. */
function argumentLines(args: unknown): string[] {
  if (!isObject(args)) return valueLines(args);
  const entries = Object.entries(args);
  if (!entries.length) return ['(no arguments)'];
  return entries.map(([name, value]) => printable(`${name}: ${JSON.stringify(value) ?? String(value)}`));
}

/** Text as its lines; JSON for anything that is not text. */
function textLines(value: unknown): string[] {
  return printableLines(textOf(value));
}

/** A string as its lines; any other JSON value indented, cut after {@link MAX_VALUE_LINES} lines. */
function valueLines(value: unknown): string[] {
  const lines = typeof value === 'string' ? printableLines(value) : printableLines(json(value));
  if (lines.length <= MAX_VALUE_LINES) return lines;
  const more = lines.length - (MAX_VALUE_LINES - 1);
  return [...lines.slice(0, MAX_VALUE_LINES - 1), `… ${more} more lines (--format json shows everything)`];
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : json(value);
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : textOf(value);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
