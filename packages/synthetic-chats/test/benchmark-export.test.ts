import { describe, expect, it } from 'vitest';
import { generateBenchmarkExport } from '../src/index.ts';

describe('generateBenchmarkExport', () => {
  it('writes the same export for the same count and seed, and another for another seed', () => {
    expect(generateBenchmarkExport(500)).toBe(generateBenchmarkExport(500));
    expect(generateBenchmarkExport(500, 7)).not.toBe(generateBenchmarkExport(500));
  });
  it('writes one header line per message, in the Android day-first 24-hour layout', () => {
    const text = generateBenchmarkExport(2000);
    const headers = text.split('\n').filter((line) => /^\d\d\/\d\d\/\d{4}, \d\d:\d\d - /.test(line));
    expect(headers).toHaveLength(2000);
    expect(text.startsWith('04/01/2021, 08:00 - Messages and calls are end-to-end encrypted.')).toBe(true);
    expect(text).toContain('<Media omitted>');
    expect(text).toContain('(file attached)');
  });
});
