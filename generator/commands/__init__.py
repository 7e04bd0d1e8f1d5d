"""The work behind the CLI's other commands: `check`, `new` (starter themes) and the new-book scaffold."""
