// The JSON answers the server-side parts write themselves (the proxy, its streaming routes, the webhook
// receiver): one helper for a JSON body and one for a refusal in A2E's own envelope (`{ code, msg }`).

/** A JSON answer with the given status; `headers` adds to (or overrides) the content type. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A refusal as A2E words one: the HTTP status repeated as `code`, with a message. */
export const errorResponse = (status: number, msg: string, headers: Record<string, string> = {}): Response =>
  jsonResponse(status, { code: status, msg }, headers);
