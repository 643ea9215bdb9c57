import os
import sys

from macplan.cli import main

code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except Exception:       # a closed pipe: let the interpreter's own exit deal with it
    raise SystemExit(code) from None
# Exit without tearing down: a check of thousands of networks leaves millions of small objects,
# and freeing them one by one costs a tenth of the run; the OS takes the memory back at once.
os._exit(code if isinstance(code, int) else (0 if code is None else 1))
