// An operation that is not in the workspace spec, for the tests that show a spec edit reaching every consumer:
// PATCH /api/v1/chat/{session_id}, renaming a session, with the body { generated_title } and a 200 example.
// Added to a scratch copy of the spec (never to the workspace's own).

/** The operation's path item key, method and id. */
export const RENAME = {
  path: '/api/v1/chat/{session_id}',
  method: 'patch',
  operationId: 'renameChatSession',
} as const;

/** The 200 example the spec gives the rename. */
export const RENAMED_EXAMPLE = {
  last_updated_at: '2026-04-23T08:00:00Z',
  session_id: 'ses-abc123',
  shared_access: 'query',
  generated_title: 'Q3 findings, renamed',
};

/** The operation as the spec writes it (the path item already has the `session_id` parameter). */
export const renameOperation = () => ({
  operationId: RENAME.operationId,
  summary: 'Rename Session',
  description: 'Rename a session.',
  parameters: [{ $ref: '#/components/parameters/ProjectId' }],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['generated_title'],
          properties: { generated_title: { type: ['string', 'null'] } },
        },
      },
    },
  },
  responses: {
    '200': {
      description: 'The renamed session.',
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ChatListResponse' },
          examples: { default: { summary: 'A renamed session', value: RENAMED_EXAMPLE } },
        },
      },
    },
    '422': {
      description: 'The body is not valid.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } } },
    },
  },
});
