import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { DATE_TIME_PATTERN, enumPattern, type SchemaNode, schemaBodyMatcher } from './schema-matchers.js';

const typeAndRegex = (regex: string, value: string) => ({
  'pact:matcher:type': [{ 'pact:matcher:type': 'type' }, { 'pact:matcher:type': 'regex', regex }],
  value,
});

const order: SchemaNode = {
  type: 'object',
  required: ['id', 'lines'],
  properties: {
    id: { type: 'string', pattern: '^[0-9]+$', example: '42' },
    status: { type: 'string', enum: ['open', 'closed'], example: 'open' },
    note: { type: 'string', nullable: true },
    lines: {
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        required: ['quantity'],
        properties: {
          quantity: { type: 'integer', example: 3 },
          price: { type: 'number', example: 9.5 },
          gift: { type: 'boolean', example: false },
          placedAt: { type: 'string', format: 'date-time', example: '2025-09-15T06:14:48.630Z' },
        },
      },
    },
  },
};

describe('schemaBodyMatcher: what a pact demands of a body', () => {
  it('matches the required properties only, by default', () => {
    expect(schemaBodyMatcher('Order', order)).toEqual({
      id: typeAndRegex('^[0-9]+$', '42'),
      lines: MatchersV3.eachLike({ quantity: MatchersV3.integer(3) }, 2),
    });
  });

  it('adds an optional property when include names it, nested ones by their dotted path', () => {
    const body = schemaBodyMatcher('Order', order, {
      include: ['status', 'lines.price', 'lines.gift', 'lines.placedAt'],
    });
    expect(body).toEqual({
      id: typeAndRegex('^[0-9]+$', '42'),
      status: typeAndRegex(enumPattern(['open', 'closed']), 'open'),
      lines: MatchersV3.eachLike(
        {
          quantity: MatchersV3.integer(3),
          price: MatchersV3.number(9.5),
          gift: MatchersV3.boolean(false),
          placedAt: MatchersV3.regex(DATE_TIME_PATTERN, '2025-09-15T06:14:48.630Z'),
        },
        2,
      ),
    });
  });

  it('adds an optional property when the example gives it a value, and records the example values', () => {
    const body = schemaBodyMatcher('Order', order, { example: { id: '7', note: null, lines: [{ quantity: 1 }] } });
    expect(body).toEqual({
      id: typeAndRegex('^[0-9]+$', '7'),
      note: null,
      lines: MatchersV3.eachLike({ quantity: MatchersV3.integer(1) }, 2),
    });
  });

  it('records an empty array exactly when the example gives [] and honours the minimum asked for', () => {
    expect(schemaBodyMatcher('Order', order, { example: { lines: [] } })).toMatchObject({ lines: [] });
    expect(schemaBodyMatcher('Order', order, { min: { lines: 5 } })).toMatchObject({
      lines: MatchersV3.eachLike({ quantity: MatchersV3.integer(3) }, 5),
    });
  });

  it('takes the documented example before each property example', () => {
    const body = schemaBodyMatcher('Order', order, {}, { id: '99', lines: [{ quantity: 8 }] });
    expect(body).toEqual({
      id: typeAndRegex('^[0-9]+$', '99'),
      lines: MatchersV3.eachLike({ quantity: MatchersV3.integer(8) }, 2),
    });
  });

  it('matches an enum by exactly its alternatives, escaped', () => {
    const pattern = new RegExp(enumPattern(['a.b', 'c|d']));
    expect('a.b').toMatch(pattern);
    expect('c|d').toMatch(pattern);
    expect('axb').not.toMatch(pattern);
    expect('c').not.toMatch(pattern);
  });

  it('refuses what would record a wrong pact, naming the place', () => {
    const required: SchemaNode = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    expect(() => schemaBodyMatcher('Thing', required)).toThrow('Thing: name: the spec gives this field no example');
    expect(() => schemaBodyMatcher('Order', order, { include: ['note'] })).toThrow(/Order: note: .*no example/);
    expect(() => schemaBodyMatcher('Order', order, { include: ['colour'] })).toThrow(/does not have/);
    expect(() => schemaBodyMatcher('Order', order, { include: ['id'] })).toThrow(/required \(always matched\)/);
    expect(() => schemaBodyMatcher('Order', order, { example: { colour: 'red' } })).toThrow(/no property colour/);
    expect(() => schemaBodyMatcher('Order', order, { example: { id: 'x1' } })).toThrow(/does not match/);
    expect(() => schemaBodyMatcher('Order', order, { example: { id: 42 } })).toThrow(/not of type string/);
    expect(() => schemaBodyMatcher('Order', order, { example: { status: 'lost' } })).toThrow(/does not match/);
    expect(() => schemaBodyMatcher('Order', order, { example: { id: null } })).toThrow(/does not allow/);
    expect(() => schemaBodyMatcher('Order', order, { example: { lines: [{ quantity: 1.5 }] } })).toThrow(
      /not of type integer/,
    );
  });
});
