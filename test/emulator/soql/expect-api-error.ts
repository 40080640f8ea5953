import { expect } from 'vitest';
import { ApiError } from '../../../src/emulator/api-error.ts';

/** Runs `action` and returns the ApiError it throws, failing the test if it throws nothing else. */
export function apiErrorOf(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  expect.fail('expected an ApiError');
}

/** The message without Salesforce's position prefix (`\n<line>\n<caret>\nERROR at Row:..\n`). */
export function bareMessage(error: ApiError): string {
  return error.message.replace(/^\n[^\n]*\n *\^\nERROR at Row:\d+:Column:\d+\n/, '');
}
