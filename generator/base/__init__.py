"""What every stage shares: errors, escaping, slugs, the phrase matcher, the cache and console output."""
