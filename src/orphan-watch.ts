/**
 * Started by npm (`npm start`, `npm run worker`), the process's parent is the shell npm runs scripts in. A supervisor
 * that stops the service by signalling npm's process (pm2, supervisord, `kill <pid>`) ends npm and that shell, which
 * pass the signal no further: the server went on serving, orphaned, holding its port and its data directory. It
 * watches for its parent to go and then stops as it would on SIGTERM. Started any other way (`node dist/server.js`
 * under Docker, systemd or a shell's `nohup … &`), a parent that goes is not a request to stop.
 */
const NPM_SCRIPTS = new Set(['start', 'worker', 'start:prod', 'worker:prod'])
const CHECK_EVERY_MS = 1_000

export function stopWhenOrphaned(
  stop: () => void,
  {
    env = process.env,
    parentId = () => process.ppid,
  }: { env?: NodeJS.ProcessEnv; parentId?: () => number } = {},
): () => void {
  const parent = parentId()
  if (!NPM_SCRIPTS.has(env.npm_lifecycle_event ?? '') || parent <= 1) return () => {}
  const timer = setInterval(() => {
    if (parentId() === parent) return
    clearInterval(timer)
    stop()
  }, CHECK_EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
