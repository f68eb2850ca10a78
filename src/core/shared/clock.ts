/**
 * Where the core and the scheduler get the current time. Injected so that tests move time by hand
 * instead of sleeping, and so that every decision in one request sees the same instant.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
