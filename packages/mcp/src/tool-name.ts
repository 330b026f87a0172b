// A tool's name from the client's name for its operation: `chat.getSummary` is `chat_get_summary`.

export function toolName(sdkName: string): string {
  return sdkName
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
    .join('_');
}
