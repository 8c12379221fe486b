"""Run every benchmark module in bench/ that has a `main()`, in name order."""

import importlib
import pkgutil

import bench


def main() -> None:
    """Import each bench module and call its main()."""
    for module in sorted(m.name for m in pkgutil.iter_modules(bench.__path__)):
        if module.startswith("_") or module == "common":
            continue
        runner = getattr(importlib.import_module(f"bench.{module}"), "main", None)
        if runner is not None:
            print(f"== bench.{module}", flush=True)
            runner()


if __name__ == "__main__":
    main()
