/**
 * A tiny programmable HTTP server for core tests that need exact control over responses (the emulator
 * covers everything else).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Responder = (req: Recorded, res: http.ServerResponse) => void;

export interface LocalServer {
  url: string;
  requests: Recorded[];
  /** Responders used in order; the last one repeats. */
  respond(...responders: Responder[]): void;
  close(): Promise<void>;
}

export function reply(status: number, body: unknown = {}, headers: Record<string, string> = {}): Responder {
  return (_req, res) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": typeof body === "string" ? "text/html" : "application/json",
      ...headers,
    });
    res.end(text);
  };
}

export const stall: Responder = () => {
  /* never answers */
};

export async function startLocalServer(): Promise<LocalServer> {
  const requests: Recorded[] = [];
  let responders: Responder[] = [reply(200, {})];
  let i = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(rec);
      const r = responders[Math.min(i, responders.length - 1)]!;
      i++;
      r(rec, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(...rs) {
      responders = rs;
      i = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
