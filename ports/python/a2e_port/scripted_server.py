"""A loopback HTTP server that answers from a behaviour case's `server` list (in order, the last one
repeating) and records every request as soon as its headers arrive."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ScriptedServer:
    def __init__(self, replies: list[dict[str, Any]]) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        script = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                seen: dict[str, Any] = {"method": self.command, "url": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
                script.requests.append(seen)
                length = int(self.headers.get("content-length") or 0)
                seen["body"] = self.rfile.read(length).decode() if length else ""
                with script._lock:
                    r = script.replies.pop(0) if len(script.replies) > 1 else script.replies[0]
                time.sleep(r.get("delayMs", 0) / 1000)
                if r.get("drop"):
                    self.close_connection = True
                    return  # closes the socket without a status line
                body = r.get("body")
                text = "" if body is None else body if isinstance(body, str) else json.dumps(body)
                if r.get("echoAuthorization"):
                    text = text.replace("{{authorization}}", seen["headers"].get("authorization", ""))
                data = text.encode()
                self.send_response(r.get("status", 200))
                self.send_header("content-type", "text/html" if isinstance(body, str) else "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in r.get("headers", {}).items():
                    self.send_header(k, v)
                try:
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (a timeout case): nothing left to answer

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a reply still sleeping on `delayMs` must not hold up close()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
