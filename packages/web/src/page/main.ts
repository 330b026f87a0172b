// The chat page: sessions page by page, a session's transcript, create, delete (asked first), and a prompt whose
// answer streams in token by token with a Stop button (or Escape). It is the SDK's own code, run against the relay on this page's origin:
// the relay holds the key, so the page sends none (the client's Authorization header is removed).
import LlamaCloud, { type ChatListPage, type ChatListResponse, type Page } from '@llamacloud-chat/client';
import { confirmDelete } from './confirm.js';
import { errorLine } from './error-line.js';
import { summaryLine } from './summary-line.js';
import { TranscriptView } from './transcript.js';

const client = new LlamaCloud({
  // The client refuses to start without a key; this one is never sent (see defaultHeaders).
  apiKey: 'held-by-the-relay',
  baseURL: location.origin,
  defaultHeaders: { authorization: null },
  // The relay retries the API itself; a second layer of retries here would only multiply the wait.
  maxRetries: 0,
});
const chat = client.beta.chat;
/** Sessions per page: `?page_size=n` in the page's address, else 20. */
const pageSize = Number(new URLSearchParams(location.search).get('page_size')) || 20;

/** One page of the listing, with the way to the next. */
type SessionsPage = Page<ChatListResponse, ChatListPage>;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const sessions = $<HTMLUListElement>('sessions');
const more = $<HTMLButtonElement>('more');
const create = $<HTMLButtonElement>('create');
const title = $<HTMLHeadingElement>('title');
const remove = $<HTMLButtonElement>('delete');
const transcriptRoot = $<HTMLOListElement>('transcript');
const form = $<HTMLFormElement>('prompt-form');
const prompt = $<HTMLTextAreaElement>('prompt');
const send = $<HTMLButtonElement>('send');
const stop = $<HTMLButtonElement>('stop');
const problem = $<HTMLParagraphElement>('problem');
const status = $<HTMLParagraphElement>('status');
const emptyHint = $<HTMLParagraphElement>('empty-hint');
const summaryRow = $<HTMLParagraphElement>('session-summary');
const listToggle = $<HTMLButtonElement>('sessions-toggle');
const confirmDialog = $<HTMLDialogElement>('confirm-delete');
const transcript = new TranscriptView(transcriptRoot);

/** The open session: its id, and the indexes a turn must name. */
let open: { id: string; indexIds: string[] } | undefined;
let page: SessionsPage | undefined;
let turn: AbortController | undefined;

const say = (line: string) => {
  status.textContent = line;
};
const fail = (error: unknown, doing: string) => {
  problem.textContent = errorLine(error, doing);
};
const clearProblem = () => {
  problem.textContent = '';
};
/** On a narrow screen the session list covers the conversation until a session is chosen; elsewhere no effect. */
const showList = (shown: boolean) => {
  document.body.classList.toggle('list-open', shown);
  listToggle.setAttribute('aria-expanded', String(shown));
};

function sessionRow(session: ChatListResponse): HTMLLIElement {
  const row = document.createElement('li');
  row.dataset.sessionId = session.session_id;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'open';
  button.textContent = session.generated_title || '(untitled)';
  button.title = session.session_id;
  const id = document.createElement('span');
  id.className = 'id';
  id.textContent = session.session_id;
  const del = document.createElement('button');
  del.type = 'button';
  del.className = 'delete';
  del.textContent = 'Delete';
  del.setAttribute('aria-label', `Delete session ${session.session_id}`);
  del.addEventListener('click', (event) => {
    // The row around it opens the session: a delete is not also an open.
    event.stopPropagation();
    void deleteSession(session.session_id, session.generated_title);
  });
  row.append(button, id, del);
  // The whole row opens the session; the title is a button, so Tab reaches it and Enter opens it too.
  row.addEventListener('click', () => void openSession(session.session_id));
  return row;
}

function showPage(next: SessionsPage): void {
  page = next;
  // A session already shown (a listing that moved under us) is not shown twice.
  const shown = new Set([...sessions.children].map((row) => (row as HTMLElement).dataset.sessionId));
  for (const session of next.items) if (!shown.has(session.session_id)) sessions.append(sessionRow(session));
  more.hidden = !next.hasNextPage();
  say(`${sessions.children.length} sessions${next.hasNextPage() ? ', more to load' : ''}.`);
}

async function loadFirstPage(): Promise<void> {
  clearProblem();
  try {
    sessions.replaceChildren();
    showPage(await chat.list({ page_size: pageSize }));
  } catch (error) {
    fail(error, 'list the sessions');
  }
}

async function loadMore(): Promise<void> {
  if (!page?.hasNextPage()) return;
  clearProblem();
  more.disabled = true;
  try {
    showPage(await page.getNextPage());
  } catch (error) {
    fail(error, 'load more sessions');
  } finally {
    more.disabled = false;
  }
}

function showSession(
  id: string,
  name: string | null | undefined,
  indexIds: string[] | null | undefined,
): void {
  open = { id, indexIds: indexIds ?? [] };
  summaryRow.hidden = true;
  title.textContent = name ? `${name} (${id})` : `Session ${id}`;
  title.dataset.sessionId = id;
  if (name) title.dataset.name = name;
  else delete title.dataset.name;
  remove.hidden = false;
  form.hidden = false;
  emptyHint.hidden = true;
  showList(false);
  for (const row of sessions.children) {
    (row as HTMLElement).toggleAttribute('aria-current', (row as HTMLElement).dataset.sessionId === id);
  }
}

async function openSession(id: string): Promise<void> {
  clearProblem();
  turn?.abort();
  try {
    const session = await chat.retrieve(id);
    // Shown under the id that was asked for, the one its row and a delete go by.
    showSession(id, session.generated_title, session.index_ids);
    transcriptRoot.setAttribute('aria-busy', 'true');
    transcript.clear();
    for (const event of session.events) transcript.add(event);
    transcriptRoot.removeAttribute('aria-busy');
    // The newest turn in view, as a chat app opens a conversation.
    transcriptRoot.scrollTop = transcriptRoot.scrollHeight;
    say(`Opened session ${id}: ${session.events.length} events.`);
    void showSummary(id);
  } catch (error) {
    fail(error, 'open the session');
  }
}

/** The open session's summary line, read from the API; a failure leaves the line out rather than blocking. */
async function showSummary(id: string): Promise<void> {
  try {
    const summary = await chat.getSummary(id);
    if (open?.id !== id) return;
    summaryRow.textContent = summaryLine(summary);
    summaryRow.dataset.sessionId = id;
    summaryRow.hidden = false;
  } catch {
    if (open?.id === id) summaryRow.hidden = true;
  }
}

async function createSession(): Promise<void> {
  clearProblem();
  create.disabled = true;
  try {
    const session = await chat.create({});
    sessions.prepend(sessionRow(session));
    // A new session has no history yet: it is opened by the id the API gave it, without asking for one.
    showSession(session.session_id, session.generated_title, session.index_ids);
    transcript.clear();
    say(`Created session ${session.session_id}.`);
    prompt.focus();
  } catch (error) {
    fail(error, 'create a session');
  } finally {
    create.disabled = false;
  }
}

async function deleteSession(id: string, name?: string | null): Promise<void> {
  clearProblem();
  const asked = await confirmDelete(
    confirmDialog,
    `${name ? `“${name}” (${id})` : `Session ${id}`} and its history will be deleted for good.`,
  );
  if (!asked) {
    say(`Kept session ${id}.`);
    return;
  }
  try {
    await chat.delete(id);
    sessions.querySelector(`li[data-session-id="${CSS.escape(id)}"]`)?.remove();
    if (open?.id === id) {
      turn?.abort();
      open = undefined;
      title.textContent = 'No session open';
      delete title.dataset.sessionId;
      delete title.dataset.name;
      remove.hidden = true;
      form.hidden = true;
      emptyHint.hidden = false;
      transcript.clear();
    }
    say(`Deleted session ${id}.`);
  } catch (error) {
    fail(error, 'delete the session');
  }
}

async function sendPrompt(): Promise<void> {
  const text = prompt.value.trim();
  if (!open || !text || turn) return;
  clearProblem();
  const controller = new AbortController();
  turn = controller;
  send.disabled = true;
  stop.disabled = false;
  prompt.value = '';
  say('Answering…');
  try {
    const events = await chat.stream(
      open.id,
      { prompt: text, index_ids: open.indexIds },
      { signal: controller.signal },
    );
    for await (const event of events) {
      transcript.add(event);
      // Keep the newest of the answer in view as it grows.
      transcriptRoot.scrollTop = transcriptRoot.scrollHeight;
    }
    say('Answered.');
    void showSummary(open.id);
  } catch (error) {
    const line = errorLine(error, 'send the prompt');
    transcript.endTurn(line);
    if (controller.signal.aborted) say(line);
    else fail(error, 'send the prompt');
  } finally {
    turn = undefined;
    send.disabled = false;
    stop.disabled = true;
  }
}

more.addEventListener('click', () => void loadMore());
create.addEventListener('click', () => void createSession());
remove.addEventListener('click', () => open && void deleteSession(open.id, title.dataset.name));
stop.addEventListener('click', () => turn?.abort());
listToggle.addEventListener('click', () => showList(!document.body.classList.contains('list-open')));
// Escape stops the answer under way (an open dialog takes its own Escape first).
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && turn && !confirmDialog.open) {
    event.preventDefault();
    turn.abort();
  }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void sendPrompt();
});
// Enter sends; Shift+Enter starts a new line.
prompt.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// On a phone the list is what there is to do first.
showList(true);
void loadFirstPage();
