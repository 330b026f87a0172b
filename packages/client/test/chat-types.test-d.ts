// Type-level tests: the chat resource's friendly types are the generated ones, with the SDK's names, and an
// event narrows on `type`.
import { describe, expectTypeOf, it } from 'vitest';
import type LlamaCloud from '../src/index.js';
import type {
  APIPromise,
  ChatCreateParams,
  ChatCreateResponse,
  ChatEvent,
  ChatRetrieveResponse,
  components,
  StopEvent,
  ToolCallEvent,
} from '../src/index.js';

declare const client: LlamaCloud;

describe('chat resource types', () => {
  it('takes the SDK flat params and returns the generated schemas', () => {
    expectTypeOf<ChatCreateParams>().toEqualTypeOf<
      {
        organization_id?: string | null;
        project_id?: string | null;
      } & { index_ids?: string[] | null; shared_access?: 'query' | 'read_only' | null }
    >();
    expectTypeOf(client.beta.chat.create).returns.toEqualTypeOf<APIPromise<ChatCreateResponse>>();
    expectTypeOf(client.beta.chat.retrieve).returns.toEqualTypeOf<APIPromise<ChatRetrieveResponse>>();
    expectTypeOf(client.beta.chat.delete).returns.toEqualTypeOf<APIPromise<void>>();
    expectTypeOf<ChatRetrieveResponse['events'][number]>().toEqualTypeOf<ChatEvent>();
    expectTypeOf<ChatEvent>().toEqualTypeOf<components['schemas']['ChatEvent']>();
  });

  it('narrows an event on its type', () => {
    const narrow = (event: ChatEvent) => {
      if (event.type === 'tool_call') expectTypeOf(event).toEqualTypeOf<ToolCallEvent>();
      if (event.type === 'stop') expectTypeOf(event.usage).toEqualTypeOf<StopEvent['usage']>();
    };
    expectTypeOf(narrow).toBeFunction();
  });
});
