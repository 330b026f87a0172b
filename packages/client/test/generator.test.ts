// The generator reads a spec as OpenAPI says, not by shortcuts: an operation's own parameter replaces the path
// item's of the same name and location, `$ref`'d path items and parameters resolve, and what it cannot turn into a
// correct method fails generation with a message naming the operation.
import { describe, expect, it } from 'vitest';
import { sdkOperations } from '../scripts/sdk-surface.mjs';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const idParam = (description: string, type = 'string') => ({
  name: 'item_id',
  in: 'path',
  required: true,
  description,
  schema: { type },
});

/** A one-path spec. */
const spec = (path: string, item: object, components: object = {}) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { [path]: item },
  components,
});

describe('parameters as OpenAPI defines them', () => {
  it("lets an operation's own parameter replace the path item's with the same name and location", () => {
    const [operation] = sdkOperations(
      spec('/items/{item_id}', {
        parameters: [idParam('path level'), { name: 'q', in: 'query', schema: { type: 'string' } }],
        patch: {
          operationId: 'renameItem',
          parameters: [
            idParam('operation level'),
            { name: 'q', in: 'query', required: true, schema: { type: 'integer' } },
          ],
          responses: ok,
        },
      }),
    );

    expect(operation?.pathParams).toEqual(['item_id']);
    expect(operation?.query).toEqual({ q: { types: ['integer'], required: true } });
  });

  it('resolves a $ref to a path item and to a parameter', () => {
    const document = {
      ...spec('/items/{item_id}', { $ref: '#/components/pathItems/Item' }),
      components: {
        parameters: { ItemId: idParam('by ref') },
        pathItems: {
          Item: {
            get: {
              operationId: 'getItem',
              parameters: [{ $ref: '#/components/parameters/ItemId' }],
              responses: ok,
            },
          },
        },
      },
    };

    const operations = sdkOperations(document);

    expect(operations.map((op) => [op.method, op.path, op.pathParams])).toEqual([
      ['GET', '/items/{item_id}', ['item_id']],
    ]);
  });

  it('takes path parameters in the order the path names them, whatever order they are declared in', () => {
    const [operation] = sdkOperations(
      spec('/a/{first}/b/{second}', {
        get: {
          operationId: 'getB',
          parameters: [
            { name: 'second', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'first', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: ok,
        },
      }),
    );

    expect(operation?.pathParams).toEqual(['first', 'second']);
  });
});

describe('what the generator refuses, naming the operation', () => {
  const refusals: [string, object, RegExp][] = [
    [
      'a placeholder with no path parameter',
      spec('/items/{item_id}', { get: { operationId: 'getItem', responses: ok } }),
      /^GET \/items\/\{item_id\} \(getItem\): the path names \{item_id\}, but no path parameter item_id is declared\.$/,
    ],
    [
      'a path parameter the path does not name',
      spec('/items', { get: { operationId: 'listItems', parameters: [idParam('stray')], responses: ok } }),
      /^GET \/items \(listItems\): the path parameter item_id is not in the path\.$/,
    ],
    [
      'a $ref that does not resolve',
      spec('/items/{item_id}', {
        get: {
          operationId: 'getItem',
          parameters: [{ $ref: '#/components/parameters/Missing' }],
          responses: ok,
        },
      }),
      /^GET \/items\/\{item_id\} \(getItem\): an operation parameter \$ref #\/components\/parameters\/Missing does not resolve/,
    ],
    [
      'a path item $ref that does not resolve',
      spec('/items', { $ref: '#/components/pathItems/Missing' }),
      /^The path item \/items is a \$ref \(#\/components\/pathItems\/Missing\) that does not resolve\.$/,
    ],
    [
      'a required header parameter',
      spec('/items', {
        get: {
          operationId: 'listItems',
          parameters: [{ name: 'x-tenant', in: 'header', required: true, schema: { type: 'string' } }],
          responses: ok,
        },
      }),
      /^GET \/items \(listItems\): the header parameter x-tenant is required, and a method cannot send one\.$/,
    ],
    [
      'the same parameter twice at one level',
      spec('/items/{item_id}', {
        get: { operationId: 'getItem', parameters: [idParam('a'), idParam('b')], responses: ok },
      }),
      /^GET \/items\/\{item_id\} \(getItem\): the operation lists the path parameter item_id twice\.$/,
    ],
    [
      'a name that is both a query parameter and a body field',
      spec('/items', {
        post: {
          operationId: 'createItem',
          parameters: [{ name: 'name', in: 'query', schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } },
            },
          },
          responses: ok,
        },
      }),
      /^POST \/items \(createItem\): name is both a query parameter and a body field/,
    ],
    [
      'a required body with no JSON media type',
      spec('/items', {
        post: {
          operationId: 'uploadItem',
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } },
          responses: ok,
        },
      }),
      /^POST \/items \(uploadItem\): the request body is required, and its media types \(multipart\/form-data\) do not include application\/json\.$/,
    ],
  ];

  it.each(refusals)('%s', (_name, document, message) => {
    expect(() => sdkOperations(document)).toThrow(message);
  });

  it('refuses two operations with one operationId', () => {
    const document = {
      ...spec('/a', { get: { operationId: 'same', responses: ok } }),
      paths: {
        '/a': { get: { operationId: 'same', responses: ok } },
        '/b': { get: { operationId: 'same', responses: ok } },
      },
    };

    expect(() => sdkOperations(document)).toThrow("GET /b (same): the operationId same is also GET /a's.");
  });
});
