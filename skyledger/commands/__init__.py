"""The command-line commands, one module per family; ``cli.py`` assembles them."""
