"""The simulated Docker: what the CLI checks before it sends anything (`cli`, with Go's
parsing in `goparse`), the daemon's checks in their order per release line (`daemon`), and
its IPAM (`ipam`). Pure: it talks to no engine."""
