// `chat [<session-id>]` with no prompt: a conversation in one session. On a terminal, a `> ` prompt read with
// node:readline (line editing, history), each answer streamed as it comes, the next prompt only once the turn has
// ended; Ctrl-C during an answer stops that turn, at an empty prompt (or Ctrl-D, or /exit) it leaves. With stdin
// not a terminal, each line read is one turn, and the first turn that fails ends the run.

import { createInterface } from 'node:readline';
import type LlamaCloud from '@llamacloud-chat/client';
import type { Target } from '@llamacloud-chat/mock/target';
import { type CommandContext, scope } from '../command-context.js';
import { failureLine, logTo } from '../failure.js';
import { ExitCode, type Input, type Output } from '../io.js';
import { asLines, emit } from '../output/emit.js';
import { indexesText } from '../output/session-view.js';
import { styleFor } from '../output/style.js';
import { printable } from '../output/text.js';
import { transcript } from '../output/transcript.js';
import { forPerson } from '../output/wrap.js';
import { runTurn, type TurnOptions } from './turn.js';

/** What the prompt line shows; a terminal user types after it. */
export const PROMPT = '> ';

const COMMANDS = '/history shows the transcript so far, /new starts a new session, /exit (or Ctrl-D) leaves';

/** The byte a terminal in raw mode sends for Ctrl-C. */
const CTRL_C = '\u0003';

/** Runs the conversation; returns the exit code. */
export async function converse(
  client: LlamaCloud,
  target: Target,
  sessionId: string | undefined,
  options: TurnOptions,
  context: CommandContext,
): Promise<number> {
  const log = logTo(context);
  const session = { id: sessionId ?? (await createSession(client, options, context)) };
  if (!context.stdin.isTTY) return linesAsTurns(client, target, session.id, options, context);

  // The prompt goes where the person looks: stdout, unless stdout is piped away (`chat | tee log`).
  const promptOut: Output = context.stdout.isTTY ? context.stdout : context.stderr;
  const history: string[] = [];
  log(`Chatting in session ${printable(session.id)}. Type a prompt and press Enter; ${COMMANDS}.`);
  for (;;) {
    const line = await readPrompt(context.stdin, promptOut, history, context.signal);
    if (context.signal?.aborted) {
      log('Interrupted.');
      return ExitCode.interrupted;
    }
    if (line === null) return ExitCode.ok;
    const text = line.trim();
    if (!text) continue;
    history.unshift(line);
    if (text.startsWith('/')) {
      const command = text.split(/\s+/, 1)[0];
      if (command === '/exit' || command === '/quit') return ExitCode.ok;
      try {
        if (command === '/history') await showHistory(client, session.id, options, context);
        else if (command === '/new') session.id = await createSession(client, options, context);
        else log(`Unknown command ${printable(command ?? '')}: ${COMMANDS}.`);
      } catch (error) {
        if (context.signal?.aborted) return interrupted(context);
        log(`error: ${failureLine(error, { sessionId: session.id, baseUrl: target.baseUrl })}`);
      }
      continue;
    }
    const turn = stoppableTurn(context.stdin, context.signal);
    try {
      await runTurn(client, target, session.id, line, options, context, turn.signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return ExitCode.ok;
      if (context.signal?.aborted) return interrupted(context);
      if (turn.stopped()) log('Stopped.');
      else log(`error: ${failureLine(error, { sessionId: session.id, baseUrl: target.baseUrl })}`);
    } finally {
      turn.release();
    }
  }
}

function interrupted(context: CommandContext): number {
  logTo(context)('Interrupted.');
  return ExitCode.interrupted;
}

/** Creates a session with the conversation's indexes and says so on stderr; returns its id. */
async function createSession(
  client: LlamaCloud,
  options: TurnOptions,
  context: CommandContext,
): Promise<string> {
  const created = await client.beta.chat.create(
    { ...scope(options), index_ids: options.index },
    { signal: context.signal },
  );
  logTo(context)(
    `Created session ${printable(created.session_id)} (indexes ${indexesText(created.index_ids)}).`,
  );
  return created.session_id;
}

/** `/history`: the session as the server has it now, as a transcript. */
async function showHistory(
  client: LlamaCloud,
  sessionId: string,
  options: TurnOptions,
  context: CommandContext,
): Promise<void> {
  const session = await client.beta.chat.retrieve(sessionId, scope(options), { signal: context.signal });
  await emit(
    context.stdout,
    forPerson(context.stdout, asLines(transcript(session, styleFor(context.stdout, context.env)))),
  );
}

/**
 * Reads one line at a `> ` prompt; null to leave (Ctrl-D, Ctrl-C at an empty prompt, or `signal`). Ctrl-C on a
 * line with text clears it, as a shell does. readline owns the terminal only while it reads: it is closed before
 * a turn, so nothing typed during an answer is echoed into it.
 */
function readPrompt(
  input: Input,
  output: Output,
  history: readonly string[],
  signal: AbortSignal | undefined,
): Promise<string | null> {
  const rl = createInterface({
    input,
    output,
    terminal: true,
    prompt: PROMPT,
    history: [...history],
    historySize: 200,
    removeHistoryDuplicates: true,
  });
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | null) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      resolve(value);
    };
    const onAbort = () => {
      output.write('\n');
      finish(null);
    };
    rl.on('line', (line) => finish(line));
    rl.on('SIGINT', () => {
      if (rl.line) {
        output.write('^C\n');
        (rl as unknown as { line: string }).line = '';
        rl.prompt();
      } else {
        output.write('\n');
        finish(null);
      }
    });
    rl.on('close', () => {
      if (!done) output.write('\n');
      finish(null);
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    rl.prompt();
  });
}

/**
 * A turn's signal, aborted by `outer` (the run's) or by Ctrl-C typed during the answer. The terminal is in raw
 * mode meanwhile, so Ctrl-C arrives as a byte here instead of as SIGINT to the whole process, and what else is
 * typed is not echoed into the answer. `release()` gives the terminal back.
 */
function stoppableTurn(input: Input, outer: AbortSignal | undefined) {
  const controller = new AbortController();
  const raw = input as Input & { setRawMode?: (mode: boolean) => unknown };
  const onData = (chunk: Buffer | string) => {
    if (String(chunk).includes(CTRL_C)) controller.abort();
  };
  raw.setRawMode?.(true);
  input.on('data', onData);
  input.resume();
  return {
    signal: outer ? AbortSignal.any([outer, controller.signal]) : controller.signal,
    stopped: () => controller.signal.aborted,
    release() {
      input.off('data', onData);
      input.pause();
      raw.setRawMode?.(false);
    },
  };
}

/** Each line of a stdin that is not a terminal is one turn; the first that fails ends the run with its code. */
async function linesAsTurns(
  client: LlamaCloud,
  target: Target,
  sessionId: string,
  options: TurnOptions,
  context: CommandContext,
): Promise<number> {
  const rl = createInterface({ input: context.stdin, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  // Ctrl-C while waiting for the next line ends the reading; the abort is then reported like any other.
  const stop = () => rl.close();
  context.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of rl) {
      if (!line.trim()) continue;
      const code = await runTurn(client, target, sessionId, line, options, context, context.signal);
      if (code !== ExitCode.ok) return code;
    }
    return context.signal?.aborted ? interrupted(context) : ExitCode.ok;
  } finally {
    context.signal?.removeEventListener('abort', stop);
    rl.close();
  }
}
