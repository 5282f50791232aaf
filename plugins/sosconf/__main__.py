"""`python -m sosconf build|check|import…`: the commands behind `make html`, `make check`, `make import`…"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from sosconf.errors import SHOWN_PER_KIND, ContentErrors, summarize
from sosconf.processes import leave


def _every_line_wanted() -> bool:
    """`make check ALL=1`: make hands the variable to the command's environment."""
    return os.environ.get("ALL", "") not in ("", "0")


def _report(errors, content: str, outcome: str, every_line: bool = False) -> int:
    summary = summarize(errors, every_line)
    for error in summary.shown:
        print(error.located(content), file=sys.stderr)
    for example, count in summary.cut:
        print(
            f"... and {count - SHOWN_PER_KIND:,} more errors like this one ({count:,} in all): {example.message}",
            file=sys.stderr,
        )
    if summary.cut:
        print(
            f"Only the first {SHOWN_PER_KIND} errors of each kind are shown; "
            "`make check ALL=1` (or `--all`) shows every line.",
            file=sys.stderr,
        )
    count = len(errors)
    print(f"{count:,} error{'s' if count != 1 else ''} in the content; {outcome}", file=sys.stderr)
    return 1


# Exit statuses of check and build: 0 all good, 1 mistakes in the content
# (each printed), 2 nothing to check (no such content folder or settings file).
CANNOT_RUN = 2


def _missing_input(args) -> str | None:
    if not Path(args.content).is_dir():
        return f"{args.content}: no such folder; give the content folder with CONTENT=dir (or --content)"
    if not Path(args.settings).is_file():
        return f"{args.settings}: no such settings file"
    return None


def _check(args) -> int:
    from sosconf.build.check import check_content

    started = time.perf_counter()
    errors = check_content(args.settings, args.content)
    if errors:
        return _report(errors, args.content, "fix them, then run the check again.", args.all)
    print(f"Checked {args.content}: no mistakes found ({time.perf_counter() - started:.1f} s)")
    return 0


def _schema(args) -> int:
    from pelican.settings import read_settings

    from sosconf.conference.schema_docs import write_all

    # The editor schemas list the languages of the site the settings describe.
    languages = list(read_settings(str(Path(args.root) / args.settings))["SOSCONF_LANGUAGES"])
    changed = write_all(Path(args.root), languages)
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("The editor schemas and docs/content.md are up to date.")
    return 0


def _import(args) -> int:
    from pelican.settings import read_settings

    from sosconf.importer import ScheduleError, import_schedule

    settings = read_settings(args.settings, override={"PATH": str(Path(args.content).resolve())})
    try:
        result = import_schedule(args.schedule, args.year, args.content, settings, args.language)
    except ScheduleError as error:
        print(error.located(), file=sys.stderr)
        print("Nothing was imported; the edition file is as it was.", file=sys.stderr)
        return 1
    print(result.summary())
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
    for command in (build, check):
        command.add_argument(
            "--all",
            action="store_true",
            default=_every_line_wanted(),
            help="print every error, not only the first 20 of each kind (also: ALL=1)",
        )
    schema = commands.add_parser("schema", help="write schema/*.json and the reference in docs/content.md")
    schema.add_argument("--root", default=".", help="the project folder")
    schema.add_argument(
        "--settings", default="pelicanconf.py", help="the site's settings, inside the project folder"
    )
    serve = commands.add_parser("serve", help="preview on 127.0.0.1 and rebuild on every change")
    serve.add_argument("--settings", default="pelicanconf.py")
    serve.add_argument("--content", default="content")
    serve.add_argument("--output", default="output")
    serve.add_argument("--port", type=int, default=8000)
    imports = commands.add_parser(
        "import", help="import the program and speakers from a pretalx or frab schedule (XML or JSON)"
    )
    imports.add_argument("--schedule", required=True, help="the schedule.xml or schedule.json file")
    imports.add_argument("--year", required=True, type=int, help="the edition: content/editions/YEAR.yml")
    imports.add_argument("--content", default="content")
    imports.add_argument("--settings", default="pelicanconf.py")
    imports.add_argument(
        "--language", help="the site language the schedule's texts are in (default: the edition's)"
    )
    args = parser.parse_args(argv)

    if args.command in ("check", "build"):
        missing = _missing_input(args)
        if missing:
            print(missing, file=sys.stderr)
            return CANNOT_RUN
    if args.command == "check":
        return _check(args)
    if args.command == "import":
        return _import(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "serve":
        from sosconf.build.serve import serve as run_server

        run_server(args.settings, args.content, args.output, args.port)
        return 0

    if args.command == "build":
        from sosconf.build.runs import build_site

        started = time.perf_counter()
        try:
            build_site(args.settings, args.content, args.output, parallel=not args.serial)
        except ContentErrors as exc:
            return _report(
                exc.errors, args.content, "nothing was published, the previous output is unchanged.", args.all
            )
        print(f"Built {args.content} into {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


def _exit_at_once(status: int) -> None:
    """End the command without tearing down what the build left in memory.

    Freeing thousands of posts one object at a time took half a second of
    every rebuild of a 5,000-post blog; the system takes the memory back at
    once.  What was printed or logged is flushed first.
    """
    logging.shutdown()
    leave(status)


if __name__ == "__main__":
    _exit_at_once(main())
