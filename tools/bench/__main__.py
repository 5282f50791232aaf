"""`python -m tools.bench`: the benchmark behind `make bench`."""

import sys

from .run import main

sys.exit(main())
