/**
 * The Bot API request thread (see http-thread.ts). Plain JavaScript: it starts as a worker from src/
 * (tests, benchmarks) and from dist/ alike. It logs nothing: it holds the token, and the payloads carry
 * people's words.
 */
import http from 'node:http';
import https from 'node:https';
import { parentPort, workerData } from 'node:worker_threads';

const { token, apiRoot, timeoutMs } = workerData;
// One connection per request at a time, kept open for the next, as grammY's own client does.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
/** Requests not yet answered, by id, so that an abort can close one. */
const open = new Map();

function settle(id, answer) {
  if (!open.delete(id)) return;
  parentPort.postMessage({ id, ...answer });
}

// The error's code only: never the URL, which holds the token.
const failure = (code) => ({ failed: { code: String(code) } });

/** As grammY's client reads an answer: `ok` says whether the call succeeded, whatever the HTTP status. */
function answerOf(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return failure('EBADANSWER');
  }
  if (data?.ok === true) return {};
  if (typeof data?.error_code !== 'number') return failure('EBADANSWER');
  return { refused: { error_code: data.error_code, description: String(data.description ?? ''), parameters: data.parameters ?? {} } };
}

function send({ id, method, payload }) {
  let target;
  let body;
  try {
    target = new URL(`${apiRoot}/bot${token}/${method}`);
    body = JSON.stringify(payload);
  } catch (error) {
    // Thrown here, it would end the thread and fail every call in flight.
    return parentPort.postMessage({ id, ...failure(error.code ?? error.name) });
  }
  const client = target.protocol === 'https:' ? https : http;
  const request = client.request(
    target,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'keep-alive', 'content-length': Buffer.byteLength(body) },
      agent: agents[target.protocol],
      timeout: timeoutMs,
    },
    (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => settle(id, answerOf(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', (error) => settle(id, failure(error.code ?? error.name)));
    },
  );
  // No answer within grammY's timeout: given up, as grammY gives up its own requests.
  request.on('timeout', () => {
    settle(id, failure('ETIMEDOUT'));
    request.destroy();
  });
  request.on('error', (error) => settle(id, failure(error.code ?? error.name)));
  open.set(id, request);
  request.end(body);
}

parentPort.on('message', (message) => {
  if (message.abort === undefined) return send(message);
  const request = open.get(message.abort);
  open.delete(message.abort);
  request?.destroy();
});
