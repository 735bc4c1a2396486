// The ContentError a piece of code throws, for tests that look at its file, place and words.
import { expect } from 'vitest';
import { ContentError } from '../../src/model/errors.js';

/** Runs `fn` and returns the ContentError it throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error('expected a ContentError');
}

/** Awaits `promise` and returns the ContentError it rejects with; fails the test if it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ContentError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error('expected a ContentError');
}
