from macplan.cli import main

raise SystemExit(main())
