// The ways of reading a chat turn that the streaming benchmarks compare. Each calls `onEvent` once per event,
// with the event's decoded JSON, the moment that event is in the caller's hands.
import LlamaCloud from '@llamacloud-chat/client';
import OfficialSDK from '@llamaindex/llama-cloud';
import { createParser } from 'eventsource-parser';

export type OnEvent = (event: unknown) => void;
export type Streamer = (baseUrl: string, onEvent: OnEvent) => Promise<void>;

const apiKey = 'llx-bench';
const session = 'ses-bench';
const params = { prompt: 'What were the main findings in Q3?', index_ids: ['idx-abc123', 'idx-def456'] };

/** A bare fetch of the turn: its body's reader. */
async function openTurn(baseUrl: string): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const response = await fetch(`${baseUrl}/api/v1/chat/${session}/messages/stream`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify(params),
  });
  if (!response.body) throw new Error('the turn had no body');
  return response.body.getReader();
}

/**
 * The floor: a bare fetch, its body's chunks decoded and fed to eventsource-parser's createParser, JSON.parse
 * per `data:`. No status or error handling, no timeout, no typing: the least a streaming reader can do.
 */
const parserAlone: Streamer = async (baseUrl, onEvent) => {
  const reader = await openTurn(baseUrl);
  const text = new TextDecoder();
  const parser = createParser({ onEvent: (message) => onEvent(JSON.parse(message.data)) });
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    parser.feed(text.decode(chunk.value, { stream: true }));
  parser.feed(text.decode());
  parser.reset({ consume: true });
};

/**
 * The floor behind the interface of a streaming client: the same parse, but its events handed to the caller
 * one at a time by an async generator that the caller loops over with `for await`. Not a target: it shows what
 * a `for await` step per event costs by itself.
 */
const parserGenerator: Streamer = async (baseUrl, onEvent) => {
  async function* events() {
    const reader = await openTurn(baseUrl);
    const text = new TextDecoder();
    let ready: unknown[] = [];
    const parser = createParser({ onEvent: (message) => ready.push(JSON.parse(message.data)) });
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        parser.feed(text.decode());
        parser.reset({ consume: true });
      } else parser.feed(text.decode(chunk.value, { stream: true }));
      const batch = ready;
      ready = [];
      for (const event of batch) yield event;
      if (chunk.done) return;
    }
  }
  for await (const event of events()) onEvent(event);
};

/** This client: `for await` over `client.beta.chat.stream()`. */
const ours: Streamer = async (baseUrl, onEvent) => {
  const client = new LlamaCloud({ apiKey, baseUrl });
  for await (const event of client.beta.chat.stream(session, params)) onEvent(event);
};

/**
 * The official SDK: `client.beta.chat.stream()` is an APIPromise<unknown> that resolves once the whole body is
 * in, to the raw SSE text. A caller still has to parse that to get any event, so this does, with the same
 * eventsource-parser and JSON.parse as the floor: its first event is in hand only after its last byte.
 */
const officialSdk: Streamer = async (baseUrl, onEvent) => {
  const client = new OfficialSDK({ apiKey, baseURL: baseUrl, maxRetries: 0 });
  const raw = await client.beta.chat.stream(session, params);
  if (typeof raw !== 'string') throw new Error(`the official SDK resolved to a ${typeof raw}, not SSE text`);
  const parser = createParser({ onEvent: (message) => onEvent(JSON.parse(message.data)) });
  parser.feed(raw);
  parser.reset({ consume: true });
};

export const streamers = {
  'eventsource-parser alone': parserAlone,
  'eventsource-parser, for await': parserGenerator,
  'this client': ours,
  'official SDK': officialSdk,
} satisfies Record<string, Streamer>;

export type StreamerName = keyof typeof streamers;
