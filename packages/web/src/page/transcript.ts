// A chat session's events as DOM: the user's messages, thinking, tool calls with their results (folded, their
// JSON one click away), answers and how each turn ended. The same view renders a retrieved history and a turn as it streams, event by event.
import type { ChatStreamEvent, StopEvent } from '@llamacloud-chat/client';

/** Appends an element with a class and text to `parent`. */
function add<K extends keyof HTMLElementTagNameMap>(parent: Element, tag: K, className: string, text = '') {
  const element = document.createElement(tag);
  element.className = className;
  if (text) element.textContent = text;
  parent.append(element);
  return element;
}

/** A block shown as one line (`summary`), its details one click away: tool calls, results, unknown events. */
function folded(parent: Element, className: string, summary: string): HTMLDetailsElement {
  const block = add(parent, 'details', className);
  add(block, 'summary', 'role', summary);
  return block;
}

/** A tool result's payload, shown whole but capped: results can be large. */
function shown(value: unknown, limit = 2_000): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

const number = (n: number | null | undefined) => (typeof n === 'number' ? n.toLocaleString('en-US') : '?');

/** How a turn ended, in one line. */
export function stopLine(event: StopEvent): string {
  const { usage } = event;
  const seconds =
    typeof usage?.duration_ms === 'number' ? `, ${(usage.duration_ms / 1000).toFixed(1)} s` : '';
  const tokens = `${number(usage?.total_input_tokens)} tokens in, ${number(usage?.total_output_tokens)} out${seconds}`;
  return event.is_error
    ? `Failed: ${event.error ?? 'the turn ended in an error'} (${tokens})`
    : `Done (${tokens})`;
}

export class TranscriptView {
  readonly #root: HTMLElement;
  #turn: HTMLElement | undefined;
  #thinking: HTMLElement | undefined;
  #answer: HTMLElement | undefined;
  #answered = false;

  constructor(root: HTMLElement) {
    this.#root = root;
  }

  clear(): void {
    this.#root.replaceChildren();
    this.#turn = this.#thinking = this.#answer = undefined;
  }

  /** The element of the turn being shown, made on its first event. */
  #current(): HTMLElement {
    if (!this.#turn) {
      this.#turn = add(this.#root, 'li', 'turn');
      this.#thinking = this.#answer = undefined;
      this.#answered = false;
    }
    return this.#turn;
  }

  /** The answer's element; each streamed token is a span stamped with when it was shown (`data-shown-at`). */
  #answerBlock(): HTMLElement {
    if (!this.#answer) {
      const block = add(this.#current(), 'section', 'answer');
      add(block, 'h3', 'role', 'Answer');
      this.#answer = add(block, 'p', 'text');
    }
    return this.#answer;
  }

  /** Shows one event; `now` stamps tokens and turn ends, for whoever measures how a turn streamed. */
  add(event: ChatStreamEvent, now = performance.now()): void {
    switch (event.type) {
      case 'user_input': {
        // A user's message opens a new turn.
        this.#turn = undefined;
        const block = add(this.#current(), 'section', 'user');
        add(block, 'h3', 'role', 'You');
        add(block, 'p', 'text', event.content ?? '');
        return;
      }
      case 'thinking_delta':
      case 'thinking': {
        if (!this.#thinking) {
          const block = add(this.#current(), 'section', 'thinking');
          add(block, 'h3', 'role', 'Thinking');
          this.#thinking = add(block, 'p', 'text');
        }
        // The whole thought replaces its deltas.
        if (event.type === 'thinking') this.#thinking.textContent = event.content ?? '';
        else this.#thinking.append(event.content ?? '');
        return;
      }
      case 'tool_call': {
        const block = folded(this.#current(), 'tool-call', `Tool call: ${event.name ?? '?'}`);
        add(block, 'pre', 'text', shown(event.arguments ?? {}));
        return;
      }
      case 'tool_result': {
        const block = folded(this.#current(), 'tool-result', `Tool result: ${event.name ?? '?'}`);
        add(block, 'pre', 'text', shown(event.result ?? null));
        const image = event.image_attachment;
        if (image) add(block, 'p', 'attachment', `Image: ${image.attachment_name} from ${image.source_id}`);
        return;
      }
      case 'text_delta': {
        const token = add(this.#answerBlock(), 'span', 'token', event.content ?? '');
        token.dataset.shownAt = String(now);
        this.#answered = true;
        return;
      }
      case 'text': {
        // The whole answer, after its deltas: shown only when no delta came.
        if (!this.#answered) this.#answerBlock().textContent = event.content ?? '';
        this.#answered = true;
        return;
      }
      case 'stop': {
        const turn = this.#current();
        add(turn, 'p', event.is_error ? 'stop failed' : 'stop', stopLine(event));
        turn.dataset.endedAt = String(now);
        this.#turn = undefined;
        return;
      }
      default: {
        const block = folded(this.#current(), 'unknown', `Event: ${event.type ?? 'unknown'}`);
        add(block, 'pre', 'text', shown('event' in event ? event.event : event));
      }
    }
  }

  /** Ends the turn being shown with a note (stopped, cut off), so the next turn starts apart from it. */
  endTurn(note: string, now = performance.now()): void {
    if (!this.#turn) return;
    add(this.#turn, 'p', 'stop failed', note);
    this.#turn.dataset.endedAt = String(now);
    this.#turn = undefined;
  }
}
