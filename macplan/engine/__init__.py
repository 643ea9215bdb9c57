"""The engine adapter: macplan's plans against a real Docker engine.

`transport` is the seam (the docker SDK behind a small interface, like httpx's transports),
`state` the pure part (desired vs observed networks, ownership labels, hashes), `client` the
`Engine` that diffs, applies, imports and destroys, `verify` the probes that prove a plan on
the wire.  Its exceptions are in `macplan.errors` (EngineError and below)."""
