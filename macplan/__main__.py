from macplan.cli import run

run()
