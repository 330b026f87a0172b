// Fetches one page of chat sessions with the typed client and prints each session's id and title.
// Run: LLAMA_CLOUD_API_KEY=… node dist/first-page.js
import { createClient } from '@llamacloud-chat/client';

const client = createClient();
const { data, error, response } = await client.GET('/api/v1/chat', { params: { query: { page_size: 10 } } });
if (error !== undefined) {
  console.error(`${response.status} from GET /api/v1/chat: ${JSON.stringify(error)}`);
  process.exit(1);
}
for (const session of data.items) {
  console.log(`${session.session_id}\t${session.generated_title ?? '(untitled)'}`);
}
console.log(data.next_page_token === null ? '(last page)' : `next page: ${data.next_page_token}`);
