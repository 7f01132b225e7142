"""The `delib` command: `main` holds the group and `run`; each other sub-command has its module."""
