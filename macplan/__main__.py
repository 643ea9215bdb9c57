import gc

# importing macplan builds thousands of objects (classes, functions, the rule catalog) and no
# garbage: the cyclic collector's passes over them would only cost time (a command then decides
# for itself: see macplan.cli.main)
gc.disable()
from macplan.cli import run  # noqa: E402

gc.enable()
run()
