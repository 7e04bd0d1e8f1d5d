"""briefbook: turn source texts into a thematic briefing book built with MkDocs.

The pipeline lives in one module per stage, in the order they run:
``config`` → ``read`` → ``identify`` → ``classify`` → ``link`` → ``render`` → ``write``.
``pipeline`` strings them together; ``cli`` and ``plugin`` are thin glue.
"""

__version__ = "0.1.0"
