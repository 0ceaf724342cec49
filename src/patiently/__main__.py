"""``python -m patiently``: the same command line as the ``patiently`` script."""

from .cli import main

if __name__ == "__main__":
    main()
