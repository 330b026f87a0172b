import LlamaCloud from '@llamacloud-chat/client';

const client = new LlamaCloud({
  apiKey: process.env['LLAMA_CLOUD_API_KEY'], // This is the default and can be omitted
});

// Automatically fetches more pages as needed.
for await (const chatListResponse of client.beta.chat.list()) {
  console.log(chatListResponse.session_id);
}
