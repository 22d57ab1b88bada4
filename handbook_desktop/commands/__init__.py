"""Subcommands that live in modules of their own.

Each module has `register(commands, common)`, which adds its argparse sub-parser and sets
`handler=` to a function `(args) -> exit code`. Keep module tops light: heavy imports go
inside the handler, so `main.py --help` and the GUI start stay fast.
"""

# Module names under handbook_desktop.commands, registered by cli.build_parser.
MODULES: list[str] = ["members", "speak", "render"]
