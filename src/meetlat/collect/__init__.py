"""Live collection from the open platforms (Mastodon, Bluesky): responses into the archive
and the warehouse through the same import as export files (docs/collect.md)."""
