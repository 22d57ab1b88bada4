"""One module per subcommand of main.py, wired by cli.py.

Each module has `register(commands, common)`, which adds its argparse sub-parser and sets
`handler=` to a function `(args) -> exit code`. Keep module tops light: heavy imports go
inside the handler, so `main.py --help` and the GUI start stay fast.
"""
