/**
 * The Bot API request thread (see http-thread.ts). Plain JavaScript: it starts as a worker from src/
 * (tests, benchmarks) and from dist/ alike. It logs nothing: requests carry the token in their URL and
 * people's words in their body.
 */
import http from 'node:http';
import https from 'node:https';
import { parentPort } from 'node:worker_threads';

// One connection per request at a time, kept open for the next, as grammY's own client does.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
/** Requests not yet answered, by id, so that an abort can close one. */
const open = new Map();

function settle(id, answer) {
  if (!open.delete(id)) return;
  parentPort.postMessage({ id, ...answer });
}

// The error's code and Node's message ("connect ECONNREFUSED 127.0.0.1:8081"): never the URL, which holds the token.
const failure = (error) => ({ error: { code: error.code ?? error.name, message: error.message } });

function send({ id, url, headers, body }) {
  let target;
  try {
    target = new URL(url);
  } catch (error) {
    return parentPort.postMessage({ id, ...failure(error) });
  }
  const client = target.protocol === 'https:' ? https : http;
  const request = client.request(
    target,
    { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: agents[target.protocol] },
    (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => settle(id, { status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => settle(id, failure(error)));
    },
  );
  request.on('error', (error) => settle(id, failure(error)));
  open.set(id, request);
  request.end(body);
}

parentPort.on('message', (message) => {
  if (message.abort === undefined) return send(message);
  const request = open.get(message.abort);
  open.delete(message.abort);
  request?.destroy();
});
