"""`python -m sosconf build|check`: the commands behind `make html` and `make check`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import ContentErrors


def _report(errors, content: str, outcome: str) -> int:
    for error in errors:
        print(error.located(content), file=sys.stderr)
    count = len(errors)
    print(f"{count} error{'s' if count != 1 else ''} in the content; {outcome}", file=sys.stderr)
    return 1


def _check(args) -> int:
    from .check import check_content

    started = time.perf_counter()
    errors = check_content(args.settings, args.content)
    if errors:
        return _report(errors, args.content, "fix them, then run the check again.")
    print(f"Checked {args.content}: no mistakes found ({time.perf_counter() - started:.1f} s)")
    return 0


def _schema(args) -> int:
    from .schema_docs import write_all

    changed = write_all(Path(args.root))
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("The editor schemas and docs/content.md are up to date.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sosconf", description="Build or check the sosconf site.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build every language into the output folder")
    build.add_argument("--settings", default="pelicanconf.py")
    build.add_argument("--content", default="content")
    build.add_argument("--output", default="output")
    build.add_argument("--serial", action="store_true", help="build the languages one after the other")
    check = commands.add_parser("check", help="find every mistake in the content without building")
    check.add_argument("--settings", default="pelicanconf.py")
    check.add_argument("--content", default="content")
    schema = commands.add_parser("schema", help="write schema/*.json and the reference in docs/content.md")
    schema.add_argument("--root", default=".", help="the project folder")
    serve = commands.add_parser("serve", help="preview on 127.0.0.1 and rebuild on every change")
    serve.add_argument("--settings", default="pelicanconf.py")
    serve.add_argument("--content", default="content")
    serve.add_argument("--output", default="output")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

    if args.command == "check":
        return _check(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "serve":
        from .serve import serve as run_server

        run_server(args.settings, args.content, args.output, args.port)
        return 0

    if args.command == "build":
        from .build import build_site

        started = time.perf_counter()
        try:
            build_site(args.settings, args.content, args.output, parallel=not args.serial)
        except ContentErrors as exc:
            return _report(
                exc.errors, args.content, "nothing was published, the previous output is unchanged."
            )
        print(f"Built {args.content} into {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
