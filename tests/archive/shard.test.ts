// Shards: a stable hash of the date, --shard K/N, and each batch engine's environment.
import { describe, expect, it } from 'vitest';
import { parseShard, shardFromEnv, shardOf } from '../../src/archive/shard.js';

describe('shards', () => {
  it('puts each date in one shard, the same every time, spread over the shards', () => {
    const dates = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10));
    const counts = [0, 0, 0, 0];
    for (const d of dates) {
      const k = shardOf(d, 4);
      expect(k).toBe(shardOf(d, 4));
      counts[k - 1]++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(70); // 100 each on average
    expect(shardOf('2024-03-12', 1)).toBe(1);
  });

  it('reads --shard K/N (1-based) and refuses anything else', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/8', '9/8', '2', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/K\/N/);
  });

  it('reads the shard from AWS Batch, GitLab (1-based), CircleCI and a Kubernetes Indexed Job', () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' })).toEqual({ index: 1, count: 3 });
    expect(shardFromEnv({ CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toEqual({ index: 3, count: 3 });
    expect(shardFromEnv({ CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '3' })).toEqual({ index: 3, count: 3 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '4' }, 5)).toEqual({ index: 5, count: 5 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '4' })).toBeUndefined(); // the count must come from --shards
    expect(shardFromEnv({})).toBeUndefined();
    expect(() => shardFromEnv({ CI_NODE_INDEX: '0', CI_NODE_TOTAL: '3' })).toThrow(/out of range/);
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '3', AWS_BATCH_JOB_ARRAY_SIZE: '3' })).toThrow(/out of range/);
  });
});
