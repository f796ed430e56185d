// Next.js calls register() once per server runtime; our start-up work is Node.js only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/server/on-start");
    onServerStart();
  }
}
