#!/usr/bin/env python3
"""A chat server for Lathe's remote-client tests, Python standard library only: Text Generation
Inference's routes (GET /info, /health, POST /generate_stream) and the OpenAI-compatible ones
(GET /v1/models, POST /v1/chat/completions, streamed or not) with their event formats and error
bodies (TGI's {"error", "error_type"}, OpenAI's {"error": {"message", ...}}).

The answer is deterministic: "You said: <last user message>" (on /generate_stream: the last
non-empty line of the prompt), one word per token (" word" after the first), then an end-of-
sequence token (TGI: special "</s>"; OpenAI route: a chunk with empty content, as TGI sends it).
max_tokens / max_new_tokens cut it (finish "length"); a stop string ends it (TGI: the token that
completes it, finish "stop_sequence"; OpenAI route: text before it, finish "stop").

Faults are chosen by path prefixes, so a client selects them through its base URL alone; they
combine (/fault/require-key-K/fault/slow-20/v1/chat/completions):
  /fault/drop-after-N/      close the socket after N tokens (no final event, no [DONE])
  /fault/malformed/         after 2 tokens an event whose data is not JSON (malformed-at-N: after N)
  /fault/stream-error/      200, then after 2 tokens an error event (as TGI reports errors mid-stream;
                            stream-error-at-N: after N)
  /fault/status-NNN/        answer every request with status NNN and a proper error body
                            (422: a validation message; 429: Retry-After: 7)
  /fault/post-status-NNN/   the same for POST requests only (generation fails, /info answers)
  /fault/slow-MS/           MS milliseconds before each token
  /fault/hang/              the 200 headers of a stream, then nothing (until the client leaves)
  /fault/require-key-KEY/   401 unless `Authorization: Bearer KEY`
  /fault/openai-only/       GET /info is 404 (an OpenAI-compatible server, not TGI)
  /fault/no-info/           GET /info and /v1/models are 404 (a server that says nothing about itself)
  /fault/no-stream/         /v1/chat/completions answers one JSON document even when asked to stream
  /fault/redirect/          307 to the same URL without this segment (same host)
  /fault/redirect-away/     307 to the same path on another host (localhost instead of 127.0.0.1)
Streams carry keep-alive comments (": ping") between some events.

  python3 sse_test_server.py [--port 0] [--log FILE] [--exit-with-stdin]
prints "PORT <n>" as its first line. With --exit-with-stdin it ends when its standard input
closes, so a test that starts it through a pipe never leaves it behind, even when killed. --log appends one JSON line per request: method, path,
headers (the Authorization value left out: only whether it was present and, when a key is
required, whether it matched) and the body (parsed when it is JSON).
"""
import argparse
import json
import os
import re
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_ID = "lathe-test/echo"
INFO = {
    "model_id": MODEL_ID, "model_sha": None, "model_pipeline_tag": "text-generation",
    "max_concurrent_requests": 128, "max_best_of": 2, "max_stop_sequences": 4,
    "max_input_tokens": 1024, "max_total_tokens": 2048, "validation_workers": 2,
    "max_client_batch_size": 4, "router": "text-generation-router", "version": "3.0.0-test",
    "sha": None, "docker_label": None,
}
FINGERPRINT = "3.0.0-test-native"
HANG_LIMIT_S = 60

ERRORS = {  # status: (message, TGI error_type, OpenAI error type)
    400: ("Bad request: malformed parameters", "validation", "invalid_request_error"),
    401: ("Invalid API key", "authentication", "invalid_request_error"),
    403: ("This key may not use this model", "authorization", "invalid_request_error"),
    404: ("Not Found", "not_found", "invalid_request_error"),
    422: ("Input validation error: `inputs` tokens + `max_new_tokens` must be <= 2048. Given: 1500 "
          "`inputs` tokens and 1000 `max_new_tokens`", "validation", "invalid_request_error"),
    424: ("Request failed during generation: CUDA out of memory", "generation", "server_error"),
    429: ("Model is overloaded", "overloaded", "server_error"),
    500: ("Incomplete generation", "incomplete_generation", "server_error"),
    503: ("unhealthy", "healthcheck", "server_error"),
}


class Request:
    """The route and the faults a path selects."""

    def __init__(self, path):
        self.faults = {}
        self.stripped = {}  # fault name -> the path without that fault's segment
        rest = path.split("?", 1)[0]
        while True:
            m = re.match(r"^/fault/([^/]+)", rest)
            if not m:
                break
            spec = m.group(1)
            name, value = spec, None
            for prefix in ("drop-after-", "post-status-", "status-", "slow-", "require-key-", "malformed-at-", "stream-error-at-"):
                if spec.startswith(prefix):
                    name, value = prefix[:-1], spec[len(prefix):]
            if name in ("malformed-at", "stream-error-at"):
                name = name[:-3]
            self.faults[name] = value
            rest = rest[m.end():]
        self.route = rest or "/"

    def has(self, name):
        return name in self.faults

    def number(self, name):
        return int(self.faults[name])


def words_of(text):
    return text.split()


def answer_tokens(source_text):
    words = f"You said: {source_text}".split()
    return [w if i == 0 else " " + w for i, w in enumerate(words)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "LatheTestServer/1"
    log_file = None
    log_lock = threading.Lock()

    def log_message(self, format, *args):  # quiet: the --log file is the record
        pass

    # -- plumbing ------------------------------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def record(self, body, key_matches):
        if Handler.log_file is None:
            return
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body.decode("utf-8", "replace")
        entry = {"method": self.command, "path": self.path, "headers": headers,
                 "authorization_present": "Authorization" in self.headers,
                 "authorization_correct": key_matches, "body": parsed}
        with Handler.log_lock, open(Handler.log_file, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def send_json(self, status, document, extra_headers=()):
        data = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_error_body(self, status, openai_route, message=None):
        text, tgi_type, openai_type = ERRORS.get(status, (f"error {status}", "unknown", "server_error"))
        text = message or text
        headers = [("Retry-After", "7")] if status == 429 else []
        if openai_route:
            body = {"error": {"message": text, "type": openai_type, "code": status}}
        else:
            body = {"error": text, "error_type": tgi_type}
        self.send_json(status, body, headers)

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Accel-Buffering", "no")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def chunk(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def end_stream(self):
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def drop(self):
        self.wfile.flush()
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def hang(self):
        """Sends nothing until the client closes the connection (or HANG_LIMIT_S passes)."""
        deadline = time.monotonic() + HANG_LIMIT_S
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return
                except OSError:
                    return

    # -- routes --------------------------------------------------------------------------------

    def do_GET(self):
        self.dispatch(b"")

    def do_POST(self):
        self.dispatch(self.read_body())

    def dispatch(self, body):
        req = Request(self.path)
        openai_route = req.route.startswith("/v1/")
        key_matches = None
        if req.has("require-key"):
            key_matches = self.headers.get("Authorization") == f"Bearer {req.faults['require-key']}"
        self.record(body, key_matches)
        try:
            if key_matches is False:
                return self.send_error_body(401, openai_route)
            if req.has("status"):
                return self.send_error_body(req.number("status"), openai_route)
            if req.has("post-status") and self.command == "POST":
                return self.send_error_body(req.number("post-status"), openai_route)
            if req.has("redirect") or req.has("redirect-away"):
                return self.redirect(req)
            self.route(req, body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def redirect(self, req):
        host, port = self.server.server_address[:2]
        if req.has("redirect-away"):
            target = f"http://localhost:{port}{self.path.replace('/fault/redirect-away', '', 1)}"
        else:
            target = self.path.replace("/fault/redirect", "", 1)
        self.send_response(307)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route(self, req, body):
        if self.command == "GET" and req.route == "/info":
            if req.has("openai-only") or req.has("no-info"):
                return self.send_error_body(404, False)
            return self.send_json(200, INFO)
        if self.command == "GET" and req.route == "/v1/models":
            if req.has("no-info"):
                return self.send_error_body(404, True)
            return self.send_json(200, {"object": "list", "data": [
                {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "lathe-test",
                 "meta": {"n_ctx_train": 4096}}]})
        if self.command == "GET" and req.route == "/health":
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if self.command == "POST" and req.route == "/generate_stream":
            return self.generate_stream(req, body)
        if self.command == "POST" and req.route == "/v1/chat/completions":
            return self.chat_completions(req, body)
        return self.send_error_body(404, req.route.startswith("/v1/"))

    def parse_json(self, body, openai_route):
        try:
            document = json.loads(body)
        except ValueError:
            self.send_error_body(422, openai_route, "Failed to deserialize the JSON body")
            return None
        if not isinstance(document, dict):
            self.send_error_body(422, openai_route, "The JSON body must be an object")
            return None
        return document

    def plan(self, source_text, max_tokens, stops):
        """[(text, special)], finish reason (TGI's names), for the answer to source_text."""
        tokens = answer_tokens(source_text)
        out, text = [], ""
        for token in tokens:
            if max_tokens is not None and len(out) >= max_tokens:
                return out, "length"
            out.append((token, False))
            text += token
            if any(s and s in text for s in stops):
                return out, "stop_sequence"
        if max_tokens is not None and len(out) >= max_tokens:
            return out, "length"
        out.append(("</s>", True))
        return out, "eos_token"

    def faulty_tokens(self, req, tokens):
        """Yields (index, token) with the slow/drop/malformed/stream-error faults applied; a
        yielded None means: stop sending."""
        for i, token in enumerate(tokens):
            if req.has("drop-after") and i == req.number("drop-after"):
                self.drop()
                yield None
                return
            fault = "malformed" if req.has("malformed") else "stream-error" if req.has("stream-error") else None
            if fault and i == int(req.faults[fault] or 2):
                yield ("fault", None)
                return
            if req.has("slow"):
                time.sleep(req.number("slow") / 1000.0)
            if i % 2 == 1:
                self.chunk(": ping\n\n")
            yield i, token

    def generate_stream(self, req, body):
        document = self.parse_json(body, False)
        if document is None:
            return
        inputs = document.get("inputs")
        params = document.get("parameters") or {}
        if not isinstance(inputs, str) or not inputs.strip():
            return self.send_error_body(422, False, "Input validation error: `inputs` cannot be empty")
        if "temperature" in params and not params["temperature"] > 0:
            return self.send_error_body(422, False, "Input validation error: `temperature` must be strictly positive")
        if "top_p" in params and not 0 < params["top_p"] < 1:
            return self.send_error_body(422, False, "Input validation error: `top_p` must be > 0.0 and < 1.0")
        lines = [line for line in inputs.splitlines() if line.strip()]
        tokens, finish = self.plan(lines[-1].strip() if lines else "", params.get("max_new_tokens"),
                                   params.get("stop") or [])
        self.start_stream()
        if req.has("hang"):
            return self.hang()
        text = ""
        for item in self.faulty_tokens(req, tokens):
            if item is None:
                return None
            if item[0] == "fault":
                if req.has("malformed"):
                    self.chunk("data:{\"index\": 3, \"token\": {\"text\": oops\n\n")
                else:
                    self.chunk("data:" + json.dumps({"error": "Request failed during generation: CUDA out of memory",
                                                     "error_type": "generation"}) + "\n\n")
                break
            i, (token, special) = item
            if not special:
                text += token
            last = i == len(tokens) - 1
            event = {"index": i + 1, "token": {"id": 100 + i, "text": token, "logprob": -0.25, "special": special},
                     "generated_text": text if last else None, "details": None}
            if last and params.get("details"):
                event["details"] = {"finish_reason": finish, "generated_tokens": len(tokens),
                                    "seed": params.get("seed"), "input_length": len(words_of(inputs))}
            self.chunk("data:" + json.dumps(event) + "\n\n")
        self.end_stream()
        return None

    def chat_completions(self, req, body):
        document = self.parse_json(body, True)
        if document is None:
            return None
        messages = document.get("messages")
        if not isinstance(messages, list) or not messages:
            return self.send_error_body(422, True, "Input validation error: `messages` must not be empty")
        user = [m.get("content", "") for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        stops = document.get("stop") or []
        stops = [stops] if isinstance(stops, str) else stops
        tokens, finish = self.plan(user[-1] if user else "", document.get("max_tokens"), stops)
        model = document.get("model") or "tgi"
        model = MODEL_ID if model == "tgi" else model
        prompt_tokens = sum(len(words_of(m.get("content", ""))) for m in messages if isinstance(m, dict))
        openai_finish = {"eos_token": "stop", "stop_sequence": "stop"}.get(finish, finish)
        if finish == "stop_sequence":  # the OpenAI API leaves the stop string out
            text = "".join(t for t, _ in tokens)
            cut = min(text.find(s) for s in stops if s and s in text)
            kept, total = [], 0
            for token, special in tokens:
                piece = token[:max(0, cut - total)]
                total += len(token)
                kept.append((piece, special))
            tokens = kept
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": len(tokens),
                 "total_tokens": prompt_tokens + len(tokens)}
        created = int(time.time())
        if not document.get("stream") or req.has("no-stream"):
            text = "".join("" if special else t for t, special in tokens)
            return self.send_json(200, {
                "object": "chat.completion", "id": "", "created": created, "model": model,
                "system_fingerprint": FINGERPRINT,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "logprobs": None,
                             "finish_reason": openai_finish}],
                "usage": usage})
        self.start_stream()
        if req.has("hang"):
            return self.hang()

        def chunk_event(content, finish_reason):
            return {"object": "chat.completion.chunk", "id": "", "created": created, "model": model,
                    "system_fingerprint": FINGERPRINT,
                    "choices": [{"index": 0, "delta": {"role": "assistant", "content": content},
                                 "logprobs": None, "finish_reason": finish_reason}],
                    "usage": None}

        for item in self.faulty_tokens(req, tokens):
            if item is None:
                return None
            if item[0] == "fault":
                if req.has("malformed"):
                    self.chunk("data: {\"choices\": [{\"delta\": {\"content\": oops\n\n")
                else:
                    self.chunk("data: " + json.dumps({"error": {"message": "Request failed during generation: "
                                                                "CUDA out of memory", "http_status_code": 424}}) + "\n\n")
                self.end_stream()
                return None
            i, (token, special) = item
            last = i == len(tokens) - 1
            self.chunk("data: " + json.dumps(chunk_event("" if special else token, openai_finish if last else None))
                       + "\n\n")
        if (document.get("stream_options") or {}).get("include_usage"):
            self.chunk("data: " + json.dumps({"object": "chat.completion.chunk", "id": "", "created": created,
                                              "model": model, "system_fingerprint": FINGERPRINT, "choices": [],
                                              "usage": usage}) + "\n\n")
        self.chunk("data: [DONE]\n\n")
        self.end_stream()
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--log", help="append one JSON line per request to this file")
    parser.add_argument("--exit-with-stdin", action="store_true", help="end when standard input closes")
    args = parser.parse_args()
    Handler.log_file = args.log
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    if args.exit_with_stdin:
        def watch_stdin():
            while sys.stdin.buffer.read(4096):
                pass
            os._exit(0)

        threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
