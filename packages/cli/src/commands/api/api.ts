// `api [operation] [name=value...]`: calls any operation of the spec by its operationId, the client's name
// (`chat.getSummary`) or `METHOD /path`, with fields split by the spec, through the client's own method for it.
// The answer is the API's JSON (pretty on a terminal, compact to a pipe), a streamed operation's events as NDJSON
// as they arrive, or with --paginate every item of a paged one as NDJSON. Alone, it lists the operations.
import { type CatalogEntry, callOperation, catalog, findOperation } from '@llamacloud-chat/client/catalog';
import { Command, Option } from 'commander';
import { type CommandContext, clientFor, type SharedOptions, withTarget } from '../../command-context.js';
import { ConfigError } from '../../errors.js';
import { reportFailure } from '../../failure.js';
import { ExitCode } from '../../io.js';
import { asJson, asLines, emit } from '../../output/emit.js';
import { pipeWriter } from '../../output/pipe-writer.js';
import { jsonText } from '../../output/text.js';
import { usableColumns } from '../../terminal-width.js';
import { collect, SERVER_NOTE } from '../help-text.js';
import { withSharedFlags } from '../shared-flags.js';
import { callArgs, type FieldArg, fieldList, readInput } from './fields.js';
import { operationTable } from './operation-table.js';

interface ApiOptions extends SharedOptions {
  rawField?: string[];
  field?: string[];
  input?: string;
  paginate?: boolean;
}

const METHOD = /^(get|put|post|patch|delete|head|options)$/i;

export function apiCommand(context: CommandContext): Command {
  const command = withSharedFlags(
    new Command('api')
      .summary('Call any operation of the API; alone, list them.')
      .description(
        'Call any operation of the API by its operationId (renameChatSession), its name on the client ' +
          '(chat.getSummary) or its method and path (GET /api/v1/chat/{session_id}). Fields are name=value, ' +
          'split into the path, the query and the body as the spec says; a bare name=value is read as the spec ' +
          'types the field. The answer is printed as JSON (pretty on a terminal), a streamed answer as one ' +
          'JSON event per line as it arrives. With no operation, every operation is listed.\n\n' +
          SERVER_NOTE,
      )
      .argument('[operation]', 'operationId, client name or METHOD /path')
      .argument('[fields...]', 'name=value fields, read as the spec types each')
      .option('-f, --raw-field <name=value>', 'a field whose value is sent as text, as it is', collect)
      .option(
        '-F, --field <name=value>',
        'a typed field: true, false, null, a number or JSON as such, @file (or @- for stdin) as the text in it',
        collect,
      )
      .option('--input <file>', 'the request body as a JSON object, from a file or - for stdin')
      .addOption(
        new Option('--paginate', "follow a paged operation's cursors and print every item, one per line"),
      ),
    {
      project: 'the project_id query parameter, unless a field sets it',
      organization: 'the organization_id query parameter, unless a field sets it',
    },
  );
  return command.action(async (operation: string | undefined, rest: string[], options: ApiOptions) => {
    context.exit(await callApi(context, operation, rest, options));
  });
}

async function callApi(
  context: CommandContext,
  name: string | undefined,
  rest: string[],
  options: ApiOptions,
): Promise<number> {
  if (name === undefined) {
    const columns = context.stdout.isTTY ? usableColumns(context.stdout.columns) : undefined;
    await emit(context.stdout, asLines(operationTable(catalog, columns)));
    return ExitCode.ok;
  }
  // `api GET /api/v1/chat` as two words, as well as quoted.
  let fields = rest;
  if (METHOD.test(name) && rest[0]?.startsWith('/')) {
    name = `${name} ${rest[0]}`;
    fields = rest.slice(1);
  }
  let entry: CatalogEntry | undefined;
  let args: Awaited<ReturnType<typeof callArgs>>;
  try {
    entry = findOperation(name);
    if (!entry)
      throw new ConfigError(
        `no operation ${JSON.stringify(name)}; run "${context.command} api" to list them (by operationId, name or METHOD /path).`,
      );
    if (options.paginate && entry.reads !== 'page')
      throw new ConfigError(`--paginate is for a paged operation; ${entry.operationId} is not one.`);
    const given: FieldArg[] = [
      ...fields.map((text) => ({ kind: 'spec' as const, text })),
      ...(options.rawField ?? []).map((text) => ({ kind: 'raw' as const, text })),
      ...(options.field ?? []).map((text) => ({ kind: 'typed' as const, text })),
    ];
    const input = options.input === undefined ? undefined : await readInput(options.input, context.stdin);
    if (input && !entry.schemas.body)
      throw new ConfigError(
        `--input is a request body, and ${entry.operationId} takes none; it takes ${fieldList(entry)}.`,
      );
    args = await callArgs(entry, given, input, context.stdin);
  } catch (error) {
    return reportFailure(error, context);
  }
  const scoped: Record<string, unknown> = {};
  const query = (entry.schemas.query.properties ?? {}) as Record<string, unknown>;
  if (options.projectId !== undefined && 'project_id' in query) scoped.project_id = options.projectId;
  if (options.organizationId !== undefined && 'organization_id' in query)
    scoped.organization_id = options.organizationId;
  const params = { ...scoped, ...args.params };
  const chosen = entry;
  return withTarget(context, options, { purpose: 'To call the real API' }, async (target) => {
    const client = clientFor(target, options, context);
    const call = callOperation(client, chosen, args.pathValues, params, { signal: context.signal });
    const pretty = context.stdout.isTTY === true;
    switch (call.reads) {
      case 'page': {
        if (!options.paginate) {
          const page = (await call.result) as { body: unknown };
          await emit(context.stdout, asJson(page.body, pretty ? 'json' : 'ndjson'));
          return ExitCode.ok;
        }
        const write = pipeWriter(context.stdout);
        for await (const item of call.result as AsyncIterable<unknown>) await write(`${jsonText(item)}\n`);
        return ExitCode.ok;
      }
      case 'events': {
        const write = pipeWriter(context.stdout);
        for await (const event of (await call.result) as AsyncIterable<{ type: string; event?: unknown }>)
          await write(`${jsonText(event.type === 'unknown' && 'event' in event ? event.event : event)}\n`);
        return ExitCode.ok;
      }
      case 'none':
        await call.result;
        return ExitCode.ok;
      default:
        await emit(context.stdout, asJson(await call.result, pretty ? 'json' : 'ndjson'));
        return ExitCode.ok;
    }
  });
}
