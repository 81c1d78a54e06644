/** The hover's MathJax on a Node worker thread (desktop VS Code, code-server): `file` is dist/hoverWorker.js. */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RenderReply } from './protocol';
import type { StartThread } from './thread';

export function nodeThread(file: string): StartThread {
  return () => {
    let w: Worker;
    try {
      w = new Worker(path.resolve(file));
    } catch {
      return undefined;
    }
    w.unref(); // an idle renderer never keeps the extension host alive
    return {
      postMessage: (request) => w.postMessage(request),
      onReply: (listener) => w.on('message', (reply: RenderReply) => listener(reply)),
      onGone: (listener) => {
        w.on('error', listener);
        w.on('exit', listener);
      },
      terminate: () => void w.terminate(),
    };
  };
}
