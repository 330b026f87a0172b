// What `chat` prints of a turn as its events arrive. The answer goes to stdout, piece by piece; on a terminal
// (stderr a TTY) the thinking, each tool call and result and the turn's usage go to stderr, dimmed, so stdout
// stays the answer alone. With --json, every event is one line on stdout, as it came (control characters escaped).
import { styleText } from 'node:util';
import type { ChatStreamEvent, StopEvent } from '@llamacloud-chat/client';
import type { Output } from '../io.js';
import { pipeWriter } from './pipe-writer.js';
import { outcomeText, skippedText } from './session-view.js';
import { clip, count, jsonText, pipeText, plural, printable, terminalText } from './text.js';

export interface TurnOutput {
  /** Prints one event; waits while stdout is full, and rejects once it is gone (EPIPE). */
  event(event: ChatStreamEvent): Promise<void>;
  /** The turn ended (with `stop`, if one came): ends the answer's line and, on a terminal, shows the usage. */
  end(stop: StopEvent | undefined): Promise<void>;
  /** Before a line on stderr (an error): ends the line the terminal's cursor is on, if it is mid-line. */
  breakLine(): void;
}

export interface TurnOutputOptions {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
}

/** One JSON line per event, exactly as it came (unknown event types included); nothing on stderr. */
export function jsonTurn({ stdout }: TurnOutputOptions): TurnOutput {
  const write = pipeWriter(stdout);
  return {
    event: (event) => write(`${jsonText(event.type === 'unknown' ? event.event : event)}\n`),
    end: async () => {},
    breakLine() {},
  };
}

/** Tool arguments longer than this are cut: the line is a glimpse, --json has everything. */
const MAX_ARGUMENTS = 200;

/**
 * The answer on stdout as it streams, then a newline. On a terminal, the rest of the turn on stderr, dimmed
 * (plain under NO_COLOR or TERM=dumb). When stdout and stderr share the terminal, each starts on a line of its
 * own: the line breaks that keep them apart are written to stderr, so stdout carries the answer and nothing else.
 */
export function textTurn({ stdout, stderr, env }: TurnOutputOptions): TurnOutput {
  const write = pipeWriter(stdout);
  const notes = stderr.isTTY === true;
  const onScreen = notes && stdout.isTTY === true;
  const colour = notes && !env.NO_COLOR && env.TERM !== 'dumb';
  // Dimmed line by line, so no style runs across a line break (or into the answer, if a note is cut short).
  const dim = (text: string) =>
    colour
      ? text
          .split('\n')
          .map((part) => (part ? styleText('dim', part, { validateStream: false }) : part))
          .join('\n')
      : text;
  const clean = terminalText;

  /** Whether the terminal's cursor is mid-line, and after whose output. */
  let open: 'answer' | 'thinking' | undefined;
  /** Thinking is being shown (its `Thinking:` heading is on screen) and not yet ended. */
  let thinkingShown = false;
  let answered = false;
  let answerEndsLine = true;
  // What streamed since the last whole `text` / `thinking` event, to tell what of the whole is new.
  let textSoFar = '';
  let thinkingSoFar = '';

  const toStderr = (text: string) => {
    if (text) stderr.write(text);
  };
  /** Ends the line the cursor is on, and with it any thinking being shown. */
  const breakLine = () => {
    if (open) toStderr('\n');
    open = undefined;
    thinkingShown = false;
  };
  const endThinking = () => {
    if (open === 'thinking') breakLine();
    thinkingShown = false;
  };
  const answer = async (text: string) => {
    if (!text) return;
    if (onScreen) endThinking();
    const shown = stdout.isTTY ? terminalText(text) : pipeText(text);
    answered = true;
    answerEndsLine = shown.endsWith('\n');
    if (onScreen) open = answerEndsLine ? undefined : 'answer';
    await write(shown);
  };
  const thinking = (text: string) => {
    if (!notes || !text) return;
    const shown = clean(text);
    if (open === 'answer') breakLine();
    toStderr(dim(thinkingShown ? shown : `Thinking: ${shown}`));
    thinkingShown = true;
    open = shown.endsWith('\n') ? undefined : 'thinking';
  };
  const note = (line: string) => {
    if (!notes) return;
    breakLine();
    toStderr(`${dim(printable(line))}\n`);
  };
  /** What a whole event adds to the pieces that streamed before it: all of it if none did. */
  const rest = (whole: string, streamed: string) =>
    !streamed ? whole : whole.startsWith(streamed) ? whole.slice(streamed.length) : '';

  return {
    async event(event) {
      switch (event.type) {
        case 'user_input':
          return; // the prompt the user just typed
        case 'thinking_delta':
          thinking(textOf(event.content));
          thinkingSoFar += textOf(event.content);
          return;
        case 'thinking':
          thinking(rest(textOf(event.content), thinkingSoFar));
          thinkingSoFar = '';
          endThinking();
          return;
        case 'text_delta':
          textSoFar += textOf(event.content);
          return answer(textOf(event.content));
        case 'text': {
          const added = rest(textOf(event.content), textSoFar);
          textSoFar = '';
          return answer(added);
        }
        case 'tool_call':
          return note(`Tool call ${event.name}(${clip(argumentsText(event.arguments), MAX_ARGUMENTS)})`);
        case 'tool_result': {
          const image = event.image_attachment;
          const imageNote = image ? `, image ${image.attachment_name} of ${image.source_id}` : '';
          return note(`Tool result ${event.name}: ${resultText(event.result)}${imageNote}`);
        }
        case 'stop':
          return; // shown by end(), once the answer's line is ended
        case 'unknown':
          return note(`Event ${JSON.stringify(event.unknownType)} (--json shows it)`);
        default:
          return note('Event with no type (--json shows it)');
      }
    },
    async end(stop) {
      if (answered && !answerEndsLine) {
        if (onScreen) open = undefined;
        await write('\n');
      }
      if (stop && stop.is_error !== true) {
        const done = outcomeText(stop, stop.usage);
        note(done.charAt(0).toUpperCase() + done.slice(1));
      }
      // The answer may lack what those indexes hold; said after a failed turn too (before its error line).
      const skipped = skippedText(stop?.skipped_index_ids);
      if (skipped) note(skipped);
    },
    breakLine,
  };
}

/** Content as text, whatever a server sent: a string as it is, anything else as JSON, nothing as ''. */
export function textOf(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : JSON.stringify(value);
}

/** `query: "Q3", top_k: 2`: a tool's arguments on one line. */
function argumentsText(args: unknown): string {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return JSON.stringify(args) ?? '';
  return Object.entries(args)
    .map(([name, value]) => `${name}: ${JSON.stringify(value) ?? String(value)}`)
    .join(', ');
}

/** A short note of what a tool returned: its size and shape, never all of it. */
function resultText(result: unknown): string {
  if (result === null || result === undefined) return 'nothing';
  if (Array.isArray(result)) return plural(result.length, 'item');
  if (typeof result === 'string') {
    const first = result.split('\n', 1)[0] ?? '';
    const preview = first.length > 60 || first.length === result.length ? clip(first, 60) : `${first}…`;
    return `${count(result.length)} character${result.length === 1 ? '' : 's'}: ${JSON.stringify(preview)}`;
  }
  if (typeof result === 'object') {
    const keys = Object.keys(result);
    if (!keys.length) return 'an empty object';
    const shown = keys.slice(0, 5).join(', ');
    return `an object (${shown}${keys.length > 5 ? `, … ${keys.length - 5} more` : ''})`;
  }
  return clip(JSON.stringify(result) ?? String(result), 60);
}
