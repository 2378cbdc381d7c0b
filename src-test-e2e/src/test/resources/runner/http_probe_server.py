#!/usr/bin/env python3
"""A tiny HTTP server the local node runner's tests run as a pod's process.

Binds BIND_ADDRESS:PORT (as Falcon-Eye's images do). Endpoints:
  GET  /health          200 while ready, 503 after POST /unready (until POST /ready)
  GET  /env             the process environment as JSON
  GET  /pid             its process id
  GET  /upstream        fetches the URL in env UPSTREAM (libc resolves its host) and returns its body
  POST /write?name=N    writes a file N (body as content) into DATA_DIR
  POST /exit?code=C     exits at once with code C (a crash)
"""
import json
import os
import sys
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"ready": True}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (self.address_string(), fmt % args))

    def reply(self, code, body, kind="text/plain"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        if path == "/health":
            self.reply(200 if state["ready"] else 503, "ok" if state["ready"] else "not ready")
        elif path == "/env":
            self.reply(200, json.dumps(dict(os.environ)), "application/json")
        elif path == "/pid":
            self.reply(200, str(os.getpid()))
        elif path == "/upstream":
            try:
                with urllib.request.urlopen(os.environ["UPSTREAM"], timeout=5) as upstream:
                    self.reply(200, upstream.read().decode())
            except Exception as e:  # the test reads the reason
                self.reply(502, "%s: %s" % (type(e).__name__, e))
        else:
            self.reply(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if url.path == "/ready":
            state["ready"] = True
            self.reply(200, "ready")
        elif url.path == "/unready":
            state["ready"] = False
            self.reply(200, "unready")
        elif url.path == "/write":
            name = os.path.basename(query["name"][0])
            target = os.path.join(os.environ["DATA_DIR"], name)
            with open(target, "wb") as f:
                f.write(body)
            self.reply(200, target)
        elif url.path == "/exit":
            os._exit(int(query.get("code", ["1"])[0]))
        else:
            self.reply(404, "not found")


def main():
    address = os.environ.get("BIND_ADDRESS", "0.0.0.0")
    port = int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer((address, port), Handler)
    print("listening on %s:%d" % (address, port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
