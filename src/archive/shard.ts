// Sharding an archive across a batch engine's workers: which shard an edition belongs to (a
// stable hash of its date, the same on every machine and in every run), and which shard this
// process is, from --shard K/N or from the engine's environment. Shards are numbered 1..N.
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** The shard (1..count) of an edition: the first 4 bytes of SHA-256 of its date, modulo count. */
export function shardOf(date: string, count: number): number {
  return (createHash('sha256').update(date).digest().readUInt32BE(0) % count) + 1;
}

/** "2/8" → {index: 2, count: 8}; anything else is an Error saying what is expected. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) throw new Error(`--shard must be K/N with 1 ≤ K ≤ N (got "${text}")`);
  return shard;
}

/**
 * The shard a batch engine gives this process, if any: AWS Batch array jobs
 * (AWS_BATCH_JOB_ARRAY_INDEX, 0-based, with AWS_BATCH_JOB_ARRAY_SIZE), GitLab parallel jobs
 * (CI_NODE_INDEX, 1-based, CI_NODE_TOTAL), CircleCI (CIRCLE_NODE_INDEX, 0-based,
 * CIRCLE_NODE_TOTAL), a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based; the count is
 * not in the environment and comes from --shards). An index out of range is an Error.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv, shards?: number): Shard | undefined {
  const pick = (index: string | undefined, count: string | number | undefined, base: 0 | 1, name: string): Shard | undefined => {
    if (index === undefined || index === '' || count === undefined || count === '') return undefined;
    const i = Number(index) + (1 - base);
    const n = Number(count);
    if (!Number.isInteger(i) || !Number.isInteger(n) || n < 1 || i < 1 || i > n) throw new Error(`${name} gives shard ${index} of ${count}, which is out of range`);
    return { index: i, count: n };
  };
  return (
    pick(env.AWS_BATCH_JOB_ARRAY_INDEX, env.AWS_BATCH_JOB_ARRAY_SIZE, 0, 'AWS_BATCH_JOB_ARRAY_INDEX') ??
    pick(env.CI_NODE_INDEX, env.CI_NODE_TOTAL, 1, 'CI_NODE_INDEX') ??
    pick(env.CIRCLE_NODE_INDEX, env.CIRCLE_NODE_TOTAL, 0, 'CIRCLE_NODE_INDEX') ??
    pick(env.JOB_COMPLETION_INDEX, shards, 0, 'JOB_COMPLETION_INDEX')
  );
}
