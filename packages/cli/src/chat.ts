// `chat <session-id> --index <id>... "<prompt>"`: one turn through client.beta.chat.stream(), printed as its
// events arrive. How a turn that did not end well is told: a cut-off (the connection dropped, or nothing arrived
// for --timeout ms) and a `stop` with is_error are one line each and exit 1, after whatever was printed.
import { type StopEvent, StreamInterruptedError, TimeoutError } from '@llamacloud-chat/client';
import { commandLine } from './invocation.js';
import { ExitCode } from './io.js';
import { type CommandContext, clientFor, logTo, withTarget } from './session-command.js';
import type { Target } from './target.js';
import { count, printable } from './text.js';
import { jsonTurn, type TurnOutput, textOf, textTurn } from './turn-output.js';

export interface ChatOptions {
  /** `--index`, repeatable; none sends `index_ids: []`. */
  index?: string[];
  projectId?: string;
  organizationId?: string;
  maxRetries?: number;
  /** `--timeout`: ms to wait for the response to start, then between any two pieces of it. */
  timeout?: number;
  json?: boolean;
}

/** Runs one chat turn; returns the exit code. */
export async function chat(
  sessionId: string,
  prompt: string,
  options: ChatOptions,
  context: CommandContext,
): Promise<number> {
  const log = logTo(context);
  if (!prompt.trim()) {
    log('error: the prompt is empty; nothing was sent.');
    return ExitCode.usage;
  }
  const how = { purpose: 'To chat in a real session', sessionId };
  return withTarget(context, how, async (target) => {
    // The client has already taken the key out of every event.
    const output: TurnOutput = (options.json ? jsonTurn : textTurn)(context);
    let opened = false;
    let events = 0;
    let stop: StopEvent | undefined;
    try {
      const turn = await clientFor(target, options).beta.chat.stream(
        sessionId,
        {
          prompt,
          index_ids: options.index ?? [],
          project_id: options.projectId,
          organization_id: options.organizationId,
        },
        { signal: context.signal, timeout: options.timeout },
      );
      opened = true;
      for await (const event of turn) {
        events++;
        if (event.type === 'stop') stop = event;
        await output.event(event);
      }
      await output.end(stop);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw error; // the reader went away: exit 0, quietly
      output.breakLine();
      if (opened && !context.signal?.aborted) {
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
  });
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

/** `llamacloud-chat sessions get <id>` with the run's scope, and the server unless it is the built-in mock. */
function getCommand(
  context: CommandContext,
  sessionId: string,
  options: ChatOptions,
  target: Target,
): string {
  const args = ['sessions', 'get', sessionId];
  if (options.projectId !== undefined) args.push('--project-id', options.projectId);
  if (options.organizationId !== undefined) args.push('--organization-id', options.organizationId);
  const server: Record<string, string> = target.mock ? {} : { LLAMA_CLOUD_BASE_URL: target.baseUrl };
  return commandLine(context.command, args, server);
}
