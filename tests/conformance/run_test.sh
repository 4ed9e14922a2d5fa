#!/bin/sh
# Runs one conformance module with the reference interpreter: run_test.sh PYTHON TEST.py.
# Fails, with the fix in the message, when that interpreter does not exist (the version
# pins are checked inside, by conformance_support.py).
python=$1
shift
if [ ! -x "$python" ]; then
    echo "conformance: error: the reference Python $python does not exist." >&2
    echo "  Create the environment with tests/conformance/refenv.sh (once; it prints the" >&2
    echo "  interpreter's path), or point CMake at one: -DLATHE_REFENV_PYTHON=/path/to/python" >&2
    exit 1
fi
exec "$python" "$@"
