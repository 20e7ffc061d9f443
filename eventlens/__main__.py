from eventlens.cli.main import main

raise SystemExit(main())
