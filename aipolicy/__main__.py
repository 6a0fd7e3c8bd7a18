"""`python -m aipolicy` runs the CLI."""

import sys

from aipolicy.cli import main

sys.exit(main())
