import { describe, expect, it } from 'vitest';
import { hasDuplicateJsonKey } from './hasDuplicateJsonKey.js';

describe('hasDuplicateJsonKey', () => {
  it.each([
    ['{"a": 1, "a": 2}', true],
    ['{"a": {"b": 1, "c": [{"b": 1}, {"b": 2, "b": 3}]}}', true],
    ['{"a": 1, "\\u0061": 2}', true],
    ['{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}', false],
    ['{"a": "x\\"a", "b": "a", "c": ["a", "a"]}', false],
    ['[{"k": 1}, {"k": 1}]', false],
    ['{"a": [1, {"x": 1}], "b": 2}', false],
  ])('%s: %s', (text, expected) => {
    JSON.parse(text);
    expect(hasDuplicateJsonKey(text)).toBe(expected);
  });
});
