#!/usr/bin/env node
/**
 * The container's health check: exit 0 when this machine's paperbot answers GET /healthz on PORT,
 * 1 otherwise (Docker's HEALTHCHECK, a systemd watchdog or a script can run it). Node alone, so the
 * image needs no curl.
 */
import { loadConfig } from '../src/config.js';

const TIMEOUT_MS = 4_000;

async function healthy(): Promise<boolean> {
  try {
    const { PORT } = loadConfig(process.env).env;
    const response = await fetch(`http://127.0.0.1:${PORT}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return response.ok;
  } catch {
    // A configuration this process cannot read is one the bot could not start with either.
    return false;
  }
}

process.exitCode = (await healthy()) ? 0 : 1;
