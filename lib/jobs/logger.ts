import pino from "pino";

// The worker's logs: pino, one JSON object per line on stdout (LOG_LEVEL, default info), so a log
// shipper can read them. `asLog` turns it into the `(message) => void` the jobs take.

export type Logger = pino.Logger;

export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  return pino({ name: "persona-scorecard-worker", level, base: { pid: process.pid } }, destination);
}

export function asLog(logger: Logger): (message: string) => void {
  return (message) => logger.info(message);
}
