// malformedTarget on its own: which request targets it refuses, and with which status and `loc`.
import { describe, expect, it } from 'vitest';
import { malformedTarget } from '../src/percent-encoding.js';

describe('malformedTarget', () => {
  it('lets well-formed targets through, encoded UTF-8 and plus signs included', () => {
    for (const target of [
      '/api/v1/chat',
      '/api/v1/chat/ses-abc123/summary?project_id=p%201&organization_id=',
      '/api/v1/chat/%E2%82%AC?page_token=a+b&flag',
      '/api/v1/chat?page_token=mock1.eyJ9.c2ln',
    ])
      expect(malformedTarget(target), target).toBeUndefined();
  });

  it('a path that does not decode is a 404', () => {
    for (const target of ['/api/v1/chat/%FF', '/api/v1/chat/%', '/api/v1/chat/%zz/summary', '/%E2%82?x=1'])
      expect(malformedTarget(target), target).toEqual({ status: 404, body: { detail: expect.any(String) } });
  });

  it('a query name or value that does not decode is a 422 naming the parameter', () => {
    expect(malformedTarget('/api/v1/chat?page_size=2&page_token=%zz')).toEqual({
      status: 422,
      body: {
        detail: [
          { loc: ['query', 'page_token'], msg: expect.any(String), type: 'value_error', input: '%zz' },
        ],
      },
    });
    expect(malformedTarget('/api/v1/chat?%FF=1')?.body).toEqual({
      detail: [expect.objectContaining({ loc: ['query', '%FF'] })],
    });
  });
});
