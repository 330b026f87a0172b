// One chat turn through client.beta.chat.stream(), printed as its events arrive, for the one-shot `chat` and for
// every turn of a conversation. How a turn that did not end well is told: a cut-off (the connection dropped, or
// nothing arrived for --timeout ms) and a `stop` with is_error are one line each, after whatever was printed.
import type LlamaCloud from '@llamacloud-chat/client';
import { type StopEvent, StreamInterruptedError, TimeoutError } from '@llamacloud-chat/client';
import type { Target } from '@llamacloud-chat/mock/target';
import type { CommandContext, SharedOptions } from '../command-context.js';
import { logTo } from '../failure.js';
import { commandLine } from '../invocation.js';
import { ExitCode } from '../io.js';
import { spinner } from '../output/spinner.js';
import { count, printable } from '../output/text.js';
import { jsonTurn, type TurnOutput, textOf, textTurn } from '../output/turn-output.js';

export interface TurnOptions extends SharedOptions {
  /** `--index`, repeatable; none sends `index_ids: []`. */
  index?: string[];
  /** `--require-all-indexes`: the turn fails when any of them cannot be queried. */
  requireAllIndexes?: boolean;
  /** `--timeout`: ms to wait for the response to start, then between any two pieces of it. */
  timeout?: number;
  json?: boolean;
}

/**
 * Sends `prompt` to `sessionId` and prints the turn. Returns 0 when it ended, 1 when it failed or was cut off
 * (said on stderr); throws what the client threw for anything else (an API or network error, an abort), so the
 * caller decides how to report it. `signal` stops the turn and closes its connection.
 */
export async function runTurn(
  client: LlamaCloud,
  target: Target,
  sessionId: string,
  prompt: string,
  options: TurnOptions,
  context: CommandContext,
  signal: AbortSignal | undefined,
): Promise<number> {
  const log = logTo(context);
  // The client has already taken the key out of every event.
  const output: TurnOutput = (options.json ? jsonTurn : textTurn)(context);
  // With --json, stderr carries errors alone, even on a terminal.
  const waiting = options.json
    ? { start() {}, stop() {} }
    : spinner(context.stderr, context.env, 'Waiting for the answer…');
  let opened = false;
  let events = 0;
  let stop: StopEvent | undefined;
  waiting.start();
  try {
    const turn = await client.beta.chat.stream(
      sessionId,
      {
        prompt,
        index_ids: options.index ?? [],
        ...(options.requireAllIndexes ? { require_all_indexes: true } : {}),
        project_id: options.projectId,
        organization_id: options.organizationId,
      },
      { signal, timeout: options.timeout },
    );
    opened = true;
    for await (const event of turn) {
      if (events++ === 0) waiting.stop();
      if (event.type === 'stop') stop = event;
      await output.event(event);
    }
    waiting.stop();
    await output.end(stop);
  } catch (error) {
    waiting.stop();
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw error; // the reader went away: exit 0, quietly
    output.breakLine();
    if (opened && !signal?.aborted) {
      const cutOff = cutOffLine(error, events);
      if (cutOff) {
        const show = getCommand(context, sessionId, options, target);
        log(`error: ${cutOff}. The answer may be incomplete; to see what the server kept, run: ${show}`);
        return ExitCode.failed;
      }
    }
    throw error;
  }
  if (stop?.is_error === true) {
    output.breakLine();
    const message = textOf(stop.error);
    log(`error: the turn failed: ${message ? printable(message) : '(no message)'}`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/** How a turn that had started was cut off, or undefined when `error` is something else. */
function cutOffLine(error: unknown, events: number): string | undefined {
  const after = `after ${events} event${events === 1 ? '' : 's'}`;
  if (error instanceof StreamInterruptedError) return `the turn was cut off ${after} (${error.reason})`;
  if (error instanceof TimeoutError) {
    // The limit the client applied: --timeout, or its default.
    const limit = error.timeoutMs;
    return `the turn was cut off ${after}: nothing arrived for ${limit ? `${count(limit)} ms` : 'too long'} (--timeout)`;
  }
  return undefined;
}

/** `llamacloud-chat sessions get <id>` with the run's scope, and the server when LLAMA_CLOUD_BASE_URL named it. */
function getCommand(
  context: CommandContext,
  sessionId: string,
  options: TurnOptions,
  target: Target,
): string {
  const args = ['sessions', 'get', sessionId];
  if (options.projectId !== undefined) args.push('--project-id', options.projectId);
  if (options.organizationId !== undefined) args.push('--organization-id', options.organizationId);
  if (target.source === 'mock-flag') args.push('--mock');
  const server: Record<string, string> =
    target.source === 'base-url' ? { LLAMA_CLOUD_BASE_URL: target.baseUrl } : {};
  return commandLine(context.command, args, server);
}
