"""Readers: every input becomes a `Plan`.  `file.load` tells them apart; `script` reads
shell scripts of docker commands the way the shell and the docker CLI (cobra/pflag) do, `plan`
reads YAML plans written by hand, `compose` reads docker compose files.  Every problem is a
`PlanError` naming the source and line: never a traceback."""
