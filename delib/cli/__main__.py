"""`python -m delib.cli …` runs the `delib` command."""
from delib.cli.main import main

main()
