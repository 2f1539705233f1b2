"""A day at a commune centre, simulated on the real calendar with the built-in catalog.

Sized like the day the press reported at Lê Chân ward (Hải Phòng) up to 15:00 on Monday
07/07/2025: 2,825 citizen visits, 1,766 new dossiers, 1,658 dossiers resolved, more than
1,000 people advised. Visitors take numbers at four service areas; counters call them;
visits end in a dossier (received on the real catalog and worked through its steps) or in
advice. Dossiers received the week before are resolved through the day, a few late.
The numbers are a simulation (seeded, so every run is the same), not the ward's records.
Run with ``python examples/commune_day.py``; it writes a CSV report (and, with the
``plot`` extra, two charts) to ``out/``.
"""

from __future__ import annotations

import heapq
import itertools
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierNumbering,
    Procedure,
    WorkingCalendar,
    format_number,
    format_percent,
)
from motcua.queue import Outcome, Priority, Queue, ServiceArea
from motcua.reports import (
    Period,
    Rating,
    Report,
    plot_daily_intake,
    plot_on_time_by_field,
    report,
    satisfaction,
)

T = TypeVar("T")
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2025, 7, 7)
REPORTED = {"visits": 2825, "received": 1766, "resolved": 1658, "advised": 1000}
AREAS = [
    ServiceArea("A", "Đất đai, xây dựng", tuple(f"Quầy {i}" for i in range(1, 6))),
    ServiceArea("B", "Hộ tịch, chứng thực", tuple(f"Quầy {i}" for i in range(6, 21))),
    ServiceArea("C", "Cư trú, hộ kinh doanh, quân sự", tuple(f"Quầy {i}" for i in range(21, 29))),
    ServiceArea("D", "Tư vấn, hướng dẫn", tuple(f"Quầy {i}" for i in range(29, 35))),
]
# What each area receives, with weights: certified copies dominate a commune's day.
MIX = {
    "A": [("1.013831", 3), ("1.013225", 2), ("1.012784", 2), ("1.012768", 1)],
    "B": [
        ("2.000815", 30),
        ("2.000884", 8),
        ("1.001193", 5),
        ("2.000635", 5),
        ("1.004873", 4),
        ("1.000894", 2),
        ("2.001035", 2),
        ("1.000656", 1),
    ],
    "C": [("1.004222", 3), ("1.004194", 3), ("1.001612", 2), ("1.013133", 1)],
    "D": [],
}
AREA_SHARE = {"A": 0.12, "B": 0.55, "C": 0.18, "D": 0.15}
SUBMIT_RATE = {"A": 0.65, "B": 0.74, "C": 0.65, "D": 0.0}
ONLINE = 120  # dossiers submitted online overnight and this morning
BACKLOG = 1300  # multi-day dossiers received in the five working days before
OFFICER = "Chuyên viên"


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A moment in Vietnam time, on the simulated day unless told."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


END = at(17, 0)


def work_through(dossier: Dossier, ready: datetime) -> None:
    """Hand the dossier along its steps, each within its budget when there is time, then finish."""
    while len(dossier.steps) < len(dossier.step_plan):
        step = dossier.steps[-1]
        planned = ready - timedelta(minutes=1)
        if step.due_at is not None:
            planned = min(planned, step.due_at - timedelta(minutes=5))
        actor = dossier.step_plan[len(dossier.steps)][1]
        dossier.hand_over(at=max(dossier.history[-1].at, planned), by=step.actor, to=actor)
    dossier.mark_result_ready(at=ready, by=dossier.steps[-1].actor if dossier.steps else OFFICER)


class CommuneDay:
    """The centre's dossiers and queue for the simulated day."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.catalog = Catalog.builtin()
        self.calendar = WorkingCalendar.vietnam()
        self.numbering = DossierNumbering("000.00.20.H12")
        self.dossiers: list[Dossier] = []
        self.queue = Queue(AREAS)
        self.backlog = self._backlog()
        self.online = self._online()
        self.received_today = self._queue_day()
        self._resolve()
        self.ratings = [
            Rating(
                dossier_code=d.code,
                scale=5,
                value=self._pick([(5, 70), (4, 24), (3, 5), (2, 1)]),
            )
            for d in self.dossiers
            if d.status.value == "returned" and self.rng.random() < 0.3
        ]

    def _pick(self, weighted: list[tuple[T, int]]) -> T:
        return self.rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]

    def _receive(self, procedure: Procedure, when: datetime, by: str, channel: Channel) -> Dossier:
        late = None
        if channel is not Channel.ONLINE and not self.calendar.is_receiving(when):
            # Called in time, its reception finished after the session closed.
            late = "Công dân được gọi số trong giờ, tiếp nhận xong sau giờ làm việc"
        dossier = Dossier.receive(
            procedure,
            accepted_at=when,
            channel=channel,
            applicant=Applicant(name=f"Công dân {len(self.dossiers) + 1}"),
            calendar=self.calendar,
            by=by,
            numbering=self.numbering,
            late_entry=late,
        )
        self.dossiers.append(dossier)
        return dossier

    def _backlog(self) -> list[Dossier]:
        """Multi-day dossiers received in the five working days before, in processing."""
        days = [self.calendar.add_working_days(DAY, -k) for k in range(1, 6)]
        multi_day = [
            p
            for p in self.catalog
            if p.primary_channel.time_limit.unit.value != "same_day" and p.is_active(DAY)
        ]
        backlog = []
        for _ in range(BACKLOG):
            procedure = self.rng.choice(multi_day)
            day = self.rng.choice(days)
            hour = self.rng.choice((8, 9, 10, 11, 13, 14, 15, 16))  # in office hours
            when = at(hour, self.rng.randrange(60), day)
            dossier = self._receive(
                procedure, when, "Bộ phận Một cửa", procedure.primary_channel.channel
            )
            dossier.start_processing(at=when + timedelta(minutes=10), by=OFFICER)
            backlog.append(dossier)
        return backlog

    def _online(self) -> list[Dossier]:
        """Dossiers submitted online, accepted between 07:00 and 08:00."""
        offered = [p for p in self.catalog if Channel.ONLINE in p.offered_on and p.is_active(DAY)]
        when = [at(7, self.rng.randrange(60)) for _ in range(ONLINE)]
        return [
            self._receive(self.rng.choice(offered), moment, "Cổng Dịch vụ công", Channel.ONLINE)
            for moment in sorted(when)
        ]

    def _queue_day(self) -> list[Dossier]:
        """The queue as one time-ordered stream of events, from 07:30 to the last visitor.

        Visitors arrive from 07:30 to 15:00, about one in eight with priority; a counter
        that frees up calls the next number of its area, in office hours (from 08:00, not
        over lunch). A reception that runs past a session's end is recorded with its real
        time as a late entry.
        """
        rng = self.rng
        events: list[tuple[datetime, int, str, str, str]] = []  # when, order, kind, who, detail
        order = itertools.count()

        def push(when: datetime, kind: str, who: str, detail: str) -> None:
            heapq.heappush(events, (when, next(order), kind, who, detail))

        for _ in range(REPORTED["visits"]):
            area = self._pick([(a, round(share * 100)) for a, share in AREA_SHARE.items()])
            priority = Priority.ELDERLY if rng.random() < 0.12 else Priority.NONE
            push(
                at(7, 30) + timedelta(seconds=rng.uniform(0, 7.5 * 3600)), "arrive", area, priority
            )
        area_of = {c: a.letter for a in AREAS for c in a.counters}
        idle = {a.letter: list(a.counters) for a in AREAS}

        def serve(counter: str, now: datetime) -> None:
            if not self.calendar.is_office_hours(now):  # before opening or lunch: wait
                opens = self.calendar.next_office_time(now)
                if opens.date() == now.date():  # after closing: the counter is done
                    push(opens, "open", counter, "")
                return
            ticket = self.queue.call_next(counter, at=now)
            if ticket is None:
                idle[area_of[counter]].append(counter)
            elif rng.random() < 0.015:
                push(now + timedelta(minutes=1), "no_show", counter, ticket.number)
            elif rng.random() < SUBMIT_RATE[ticket.area]:
                push(now + timedelta(minutes=rng.uniform(3, 7)), "dossier", counter, ticket.number)
            else:
                push(now + timedelta(minutes=rng.uniform(1.5, 4)), "advice", counter, ticket.number)

        received = []
        while events:
            now, _, kind, who, detail = heapq.heappop(events)
            if kind == "arrive":
                self.queue.take_ticket(who, at=now, priority=Priority(detail))
                if idle[who]:
                    serve(idle[who].pop(0), now)
                continue
            if kind == "open":
                serve(who, now)
                continue
            if kind == "no_show":
                self.queue.no_show(detail, at=now)
            elif kind == "advice":
                self.queue.finish(detail, at=now, outcome=Outcome.ADVICE)
            else:
                procedure = self.catalog.get(self._pick(MIX[area_of[who]]))
                dossier = self._receive(procedure, now, who, Channel.COUNTER)
                received.append(dossier)
                self.queue.finish(
                    detail, at=now, outcome=Outcome.DOSSIER, dossier_code=dossier.code
                )
            serve(who, now)
        return received

    def _resolve(self) -> None:
        """Work the dossiers: today's same-day ones, the online ones and the backlog."""
        rng = self.rng
        for d in self.received_today:
            if d.due_at is None or d.due_at > END or rng.random() > 0.93:
                continue  # due another day, or not reached today
            start = d.history[-1].at + timedelta(minutes=5)
            d.start_processing(at=start, by=OFFICER)
            if rng.random() < 0.03:
                d.request_supplement(
                    at=start + timedelta(minutes=10),
                    by=OFFICER,
                    reason="Bản sao chưa rõ nét",
                    items=["Bản sao rõ nét"],
                )
                continue
            ready = min(END, start + timedelta(minutes=rng.uniform(20, 90)))
            work_through(d, ready)
            if rng.random() < 0.8:
                d.return_result(at=min(END, ready + timedelta(minutes=30)), by="Bộ phận Một cửa")
        for d in self.online:
            d.start_processing(at=at(8, 30), by=OFFICER)
            if d.due_at is not None and d.due_at <= END:
                work_through(d, max(at(9, 0), d.due_at - timedelta(minutes=30)))
        for d in self.backlog:
            due, accepted = d.due_at, d.history[0].at
            assert due is not None
            if due < at(7, 30):  # fell due before today: resolved then, ahead of its date
                work_through(
                    d,
                    max(
                        due - (due - accepted) * rng.uniform(0.02, 0.5),
                        accepted + timedelta(minutes=30),
                    ),
                )
            elif rng.random() < 0.8:  # worked on today, most on time
                ready = at(rng.randint(8, 16), rng.randrange(60))
                if ready > due and rng.random() < 0.9:
                    ready = max(at(7, 30), due - timedelta(minutes=rng.uniform(5, 60)))
                work_through(d, ready)
            elif due < END:
                d.check_overdue(END)


def _minutes(delta: timedelta | None) -> str:
    return "-" if delta is None else f"{format_number(delta.total_seconds() / 60, digits=1)} phút"


def _rate(rate: float | None) -> str:
    return "-" if rate is None else format_percent(rate)


_n = format_number  # Vietnamese: 2.825, not 2,825


def main(out: Path | None = Path("out")) -> Report:
    """Simulate the day, print the centre's daily summary and write the report; return it."""
    day = CommuneDay()
    daily = report(day.dossiers, Period.day(DAY), at=END, group_by="field")
    t = daily.total
    queue_stats = day.queue.stats()
    print(f"Một ngày tại Trung tâm Phục vụ hành chính công phường Lê Chân — {DAY:%d/%m/%Y}")
    r = {k: _n(v) for k, v in REPORTED.items()}
    print(
        f"(mô phỏng theo quy mô báo chí đưa tin đến 15 giờ: {r['visits']} lượt, "
        f"{r['received']} hồ sơ mới, {r['resolved']} hồ sơ giải quyết, "
        f"trên {r['advised']} lượt tư vấn)"
    )
    print()
    print(f"Lượt công dân lấy số:   {_n(len(day.queue.tickets)):>6}")
    print(f"Lượt tư vấn, hướng dẫn: {_n(sum(s.advice for s in queue_stats)):>6}")
    print(
        f"Hồ sơ tiếp nhận mới:    {_n(t.received):>6}  (trực tiếp {_n(t.received_counter)}, "
        f"trực tuyến {_n(t.received_online)})"
    )
    print(f"Kỳ trước chuyển qua:    {_n(t.carried_over):>6}")
    print(
        f"Hồ sơ đã giải quyết:    {_n(t.resolved):>6}  (trước hạn {_n(t.resolved_early)}, "
        f"đúng hạn {_n(t.resolved_on_time)}, quá hạn {_n(t.resolved_late)})"
    )
    print(f"Tỷ lệ đúng hạn:         {_rate(t.on_time_rate):>7}")
    paused = t.paused_supplement + t.paused_payment
    print(
        f"Đang giải quyết:        {_n(t.in_progress_within):>6}  trong hạn, "
        f"{_n(t.in_progress_overdue)} quá hạn; tạm dừng {_n(paused)}"
    )
    print()
    print("Theo lĩnh vực:")
    for row in daily.rows:
        print(
            f"  {row.group:<42} nhận {_n(row.received):>4}  giải quyết {_n(row.resolved):>4}  "
            f"đúng hạn {_rate(row.on_time_rate):>6}"
        )
    print()
    print("Hàng chờ theo khu vực:")
    names = {a.letter: a.name for a in AREAS}
    for s in queue_stats:
        print(
            f"  {s.group} {names[s.group]:<31} {_n(s.issued):>5} số, "
            f"chờ TB {_minutes(s.mean_wait)}, lâu nhất {_minutes(s.max_wait)}, "
            f"phục vụ TB {_minutes(s.mean_service)}"
        )
    print("Hàng chờ theo giờ lấy số:")
    for s in day.queue.stats(by="hour"):
        print(f"  {s.group}: {_n(s.issued):>4} số, chờ TB {_minutes(s.mean_wait)}")
    print()
    _, overall = satisfaction(day.dossiers, day.ratings, at=END, by=None)
    print(
        f"Mức độ hài lòng: {_n(overall.ratings)} đánh giá, "
        f"{_rate(overall.satisfied_share)} hài lòng trở lên; "
        f"chỉ số từ dữ liệu hồ sơ {_rate(overall.index_share)}"
    )
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "le-chan-report.csv").write_text(daily.to_csv(), encoding="utf-8")
        try:
            plot_on_time_by_field(daily, out / "le-chan-on-time.png")
            plot_daily_intake(
                day.dossiers, Period(DAY - timedelta(days=7), DAY), out / "le-chan-intake.png"
            )
        except ImportError:  # the plot extra is not installed: the CSV is still there
            print(f"Đã ghi báo cáo CSV vào {out}/ (cài motcua[plot] để vẽ biểu đồ)")
        else:
            print(f"Đã ghi báo cáo CSV và biểu đồ vào {out}/")
    return daily


if __name__ == "__main__":
    main()
