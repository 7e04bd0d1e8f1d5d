"""``python -m generator`` runs the briefbook command."""

import sys

from .cli import main

sys.exit(main())
