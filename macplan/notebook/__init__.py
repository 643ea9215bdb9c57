"""The notebook surfaces: the interactive planner (`planner`, its form `fields`), DataFrames
(`frames`) and the `macplan app` server (`app`). They need the `notebooks` extra."""
