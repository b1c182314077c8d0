import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { queryString, readUrlState, writeUrlState } from '@/lib/url-state';

const schema = z
  .object({
    q: z.string().max(5).optional(),
    tags: z.string().optional().transform((s) => (s ? s.split(',') : [])),
    sort: z.enum(['name', 'age']).default('name'),
    min: z.coerce.number().int().optional(),
    max: z.coerce.number().int().optional(),
    page: z.coerce.number().int().min(1).default(1),
  })
  .refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, { path: ['max'], message: 'below min' });

test('a URL is read by the schema; a value that does not parse falls back to its default and is named', () => {
  assert.deepEqual(readUrlState(schema, new URLSearchParams('q=bob&tags=a,b&sort=age&page=3')), {
    value: { q: 'bob', tags: ['a', 'b'], sort: 'age', page: 3 },
    invalid: [],
  });
  assert.deepEqual(readUrlState(schema, new URLSearchParams('q=too-long&sort=size&page=2&other=x')), {
    value: { tags: [], sort: 'name', page: 2 },
    invalid: ['q', 'sort'],
  });
  assert.deepEqual(readUrlState(schema, new URLSearchParams('min=5&max=2&page=4')).value, { tags: [], sort: 'name', page: 1 }, 'parts that do not agree: the defaults');
});

test('names and omit: two views share one URL', () => {
  const params = new URLSearchParams('page=2&auditPage=7&q=x');
  assert.equal(readUrlState(schema, params, { names: { page: 'auditPage' } }).value.page, 7);
  assert.deepEqual(readUrlState(schema, params, { omit: ['q'] }).value, { tags: [], sort: 'name', page: 2 });
  assert.equal(writeUrlState(schema, params, { page: 8 }, { names: { page: 'auditPage' } }).toString(), 'page=2&auditPage=8&q=x');
});

test('a change keeps other parameters, leaves defaults out and resets the page', () => {
  const current = new URLSearchParams('q=bob&page=3&open=k');
  const resets = { resets: ['page'] } as const;
  assert.equal(writeUrlState(schema, current, { sort: 'age' }, resets).toString(), 'q=bob&open=k&sort=age');
  assert.equal(writeUrlState(schema, current, { sort: 'name', q: undefined }, resets).toString(), 'open=k');
  assert.equal(writeUrlState(schema, current, { page: 4 }, resets).toString(), 'q=bob&page=4&open=k');
  assert.equal(writeUrlState(schema, current, { page: 1 }, resets).toString(), 'q=bob&open=k');
  assert.equal(writeUrlState(schema, current, { tags: ['a', 'b'] }).toString(), 'q=bob&page=3&open=k&tags=a%2Cb');
  assert.equal(writeUrlState(schema, current, { tags: [] }).toString(), 'q=bob&page=3&open=k');
});

test('queryString is empty for no parameters', () => {
  assert.equal(queryString(new URLSearchParams()), '');
  assert.equal(queryString(new URLSearchParams('a=1')), '?a=1');
});
