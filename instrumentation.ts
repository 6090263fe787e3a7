// Next.js calls register() once per server process, before it serves a request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/startup");
  try {
    await prepareServer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error("Persona Scorecard cannot start: fix the problem above and start it again.");
    process.exit(1);
  }
}
