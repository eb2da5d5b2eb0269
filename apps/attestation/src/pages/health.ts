/** A liveness check for load balancers: answers without touching the database or a session. */
export function GET(): Response {
  return new Response('ok\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
