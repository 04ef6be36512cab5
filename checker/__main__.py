"""``python -m checker``."""

from checker.cli.app import main

if __name__ == "__main__":
    main()
