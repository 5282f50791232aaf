"""Write an edition file with a large program, to weigh the program page.

    .venv/bin/python -m tools.large_program 2031 --sessions 150 > content/editions/2031.yml

The edition runs over three days in five rooms with two tracks: each day
opens with a keynote for everyone, breaks for lunch, and fills the rooms
with talks of 30 minutes, each with a title and an abstract in both
languages and one or two speakers.  The same arguments give the same file.
"""

from __future__ import annotations

import argparse
import datetime
import random

from tools.bench.generate import EN_WORDS, ZH_WORDS, _en_sentence, _quoted, _zh_sentence

DAYS = 3
ROOMS = [("报告厅", "Lecture hall"), ("A101", "A101"), ("A102", "A102"), ("B201", "B201"), ("B202", "B202")]
TRACKS = [("systems", "系统", "Systems"), ("community", "社区", "Community")]
TALK_MINUTES = 30
GAP_MINUTES = 10


def _clock(minutes: int) -> str:
    return '"%02d:%02d"' % divmod(minutes, 60)


def _session(lines, rng, number, start, end, kind, room=None, track=None, speakers=()):
    lines += [
        f"        - id: session-{number:03d}",
        "          title:",
        f"            zh: {''.join(rng.choices(ZH_WORDS, k=rng.randint(3, 5)))}",
        f"            en: {_quoted(' '.join(rng.choices(EN_WORDS, k=rng.randint(3, 6))).capitalize())}",
        f"          start: {_clock(start)}",
        f"          end: {_clock(end)}",
        f"          kind: {kind}",
    ]
    if room:
        lines += ["          room:", f"            zh: {room[0]}", f"            en: {_quoted(room[1])}"]
    if track:
        lines.append(f"          track: {track}")
    if speakers:
        lines.append(f"          speakers: [{', '.join(speakers)}]")
    if kind != "break":
        lines += [
            "          abstract:",
            f"            zh: {_zh_sentence(rng)}",
            f"            en: {_quoted(_en_sentence(rng))}",
        ]


def edition_yaml(year: int, sessions: int = 150, seed: int = 1) -> str:
    rng = random.Random(f"large-program-{year}-{sessions}-{seed}")
    speakers = [f"speaker-{number:02d}" for number in range(1, sessions // 3 + 2)]
    first = datetime.date(year, 8, 24)
    lines = [
        f"# A generated edition with {sessions} sessions (tools/large_program.py).",
        f"year: {year}",
        "name:",
        f"  zh: {year} 学生开源年会（大型议程示例）",
        f"  en: Students Open Source Conference {year} (large program example)",
        "status: planned",
        f"start: {first}",
        f"end: {first + datetime.timedelta(days=DAYS - 1)}",
        "timezone: Asia/Shanghai",
        "language: zh",
        "streams:",
        "  - name: {zh: 示例直播, en: Example stream}",
        f"    live: https://live.example.org/sosconf-{year}",
        "speakers:",
    ]
    for speaker in speakers:
        lines += [
            f"  - id: {speaker}",
            f"    name: {_quoted(' '.join(rng.choices(EN_WORDS, k=2)).title())}",
            "    affiliation: {zh: 示例大学, en: Example University}",
        ]
    lines += ["program:", "  tracks:"]
    for track, zh, en in TRACKS:
        lines += [f"    - id: {track}", f"      name: {{zh: {zh}, en: {en}}}"]
    lines.append("  days:")
    number = 0
    per_day = [sessions // DAYS + (1 if day < sessions % DAYS else 0) for day in range(DAYS)]
    for day, count in enumerate(per_day):
        lines += [
            f"    - date: {first + datetime.timedelta(days=day)}",
            '      start: "09:00"',
            '      end: "18:30"',
            "      sessions:",
        ]
        # A keynote for everyone, lunch, then the rooms filled in turn.
        fixed = [(9 * 60, 9 * 60 + 45, "keynote"), (12 * 60, 13 * 60 + 30, "break")]
        for start, end, kind in fixed[:count]:
            number += 1
            _session(
                lines,
                rng,
                number,
                start,
                end,
                kind,
                speakers=rng.sample(speakers, 1) if kind != "break" else (),
            )
        start = 10 * 60
        for index in range(count - len(fixed[:count])):
            room = ROOMS[index % len(ROOMS)]
            if index and index % len(ROOMS) == 0:
                start += TALK_MINUTES + GAP_MINUTES
                if 12 * 60 - TALK_MINUTES < start < 13 * 60 + 30:
                    start = 13 * 60 + 30
            number += 1
            _session(
                lines,
                rng,
                number,
                start,
                start + TALK_MINUTES,
                "talk",
                room=room,
                track=TRACKS[index % len(TRACKS)][0],
                speakers=rng.sample(speakers, rng.randint(1, 2)),
            )
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("year", type=int)
    parser.add_argument("--sessions", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(edition_yaml(args.year, args.sessions, args.seed), end="")


if __name__ == "__main__":
    main()
