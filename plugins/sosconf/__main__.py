"""`python -m sosconf build|check`: the commands behind `make html` and `make check`."""

from __future__ import annotations

import argparse
import sys
import time

from .errors import ContentErrors


def _report(errors) -> int:
    for error in errors:
        print(error, file=sys.stderr)
    count = len(errors)
    print(
        f"{count} error{'s' if count != 1 else ''} in the content; nothing was published, "
        "the previous output is unchanged.",
        file=sys.stderr,
    )
    return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sosconf", description="Build or check the sosconf site.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build every language into the output folder")
    build.add_argument("--settings", default="pelicanconf.py")
    build.add_argument("--content", default="content")
    build.add_argument("--output", default="output")
    build.add_argument("--serial", action="store_true", help="build the languages one after the other")
    serve = commands.add_parser("serve", help="preview on 127.0.0.1 and rebuild on every change")
    serve.add_argument("--settings", default="pelicanconf.py")
    serve.add_argument("--content", default="content")
    serve.add_argument("--output", default="output")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

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
            return _report(exc.errors)
        print(f"Built {args.content} into {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
