/** Reading Slack Web API failures without depending on which copy of @slack/web-api threw them. */

/** The `error` field of an `ok:false` Web API answer (`invalid_blocks`, `channel_not_found`, …). */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  if (code === 'slack_webapi_platform_error' && typeof data?.error === 'string') return data.error;
  return undefined;
}

/** Blocks Slack refused: the fallback text alone can still get the answer through. */
export function isBlocksRejected(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code === 'invalid_blocks' || code === 'msg_blocks_too_long' || code === 'invalid_blocks_format';
}

/** A short description for logs: the Slack error code, or the error message (never request headers). */
export function describeSlackError(error: unknown): string {
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
