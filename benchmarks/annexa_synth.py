"""Synthetic Ofsted Annex A workbooks, seeded, for tests and benchmarks (never real data).

    python -m benchmarks.annexa_synth out.xlsx --children 50000 --seed 1 --as-of 2024-01-31

Nothing here is real: child and adopter identifiers are random numbers, worker names are
common first names and surnames combined at random, places are invented ("Home Authority",
"XX3 4AB"). ``generate(path, children=..., seed=..., as_of=...)`` writes all eleven lists for a
synthetic authority whose child population (0-17) is ``children``. Volumes follow rates per
10,000 children close to recent England figures (``RATES``); dates follow realistic sequences
(referral -> assessment -> authorisation; strategy discussion -> conference -> plan; entry to
care -> reviews, visits, health and dental checks, placements; adoption decision -> placement
order -> match -> placement -> order), with a share of late and missing events. With ``messy``
(the default) header wording, category value styles, sheet names, title rows, extra columns and
a few text dates vary at random (seeded) so tolerant reading is exercised; ``errors`` adds the
data-entry slips a reader must catch (about 0.2% of assessments and conferences end before they
start).

Brought over from the scratch groundwork (same rates and sequences), split to the house rules;
children never enter care before they are born.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Generic, TypeVar

from openpyxl import Workbook

from checker.inputs.annexa.spec import AnnexASpec, CategoryValue, ColumnSpec, ListSpec, load_spec
from checker.inputs.annexa.workdays import CalendarRangeError, add_months, add_working_days

U = TypeVar("U")
Row = dict[str, object]
Dates = dict[str, dt.date | None]

#: Yearly flows and point-in-time stocks per 10,000 children aged 0-17 (England, around
#: 2022-23, rounded; contacts and early help vary widely between councils).
RATES: Mapping[str, float] = {
    "contacts_per_year": 2200.0, "early_help_assessments_per_year": 300.0,
    "referrals_per_year": 540.0, "cla_stock": 70.0, "cla_starts_per_year": 27.0,
    "cp_starts_per_year": 60.0, "care_leavers_17_21": 40.0,
    "adoption_decisions_per_year": 4.0, "adopter_households_per_year": 3.0,
}
LIST_KEYS = ("contacts", "early_help", "referrals", "assessments", "section_47",
             "children_in_need", "child_protection", "children_in_care", "care_leavers",
             "adoption", "adopters")
SHORT_TITLES = {
    "contacts": ("Contacts", "Contacts"), "early_help": ("Early Help", "EH"),
    "referrals": ("Referrals", "Refs"), "assessments": ("Assessments", "Assess"),
    "section_47": ("Section 47 enquiries", "S47"), "children_in_need": ("Children in Need", "CIN"),
    "child_protection": ("Child Protection", "CP"), "children_in_care": ("Children in Care", "CLA"),
    "care_leavers": ("Care Leavers", "CL"), "adoption": ("Adoption", "Adoption"),
    "adopters": ("Adopters", "Adopters"),
}
FIRST_NAMES = ["Alex", "Amira", "Ben", "Chloe", "Daniel", "Efe", "Fatima", "George", "Hannah",
               "Imran", "Jade", "Kwame", "Laura", "Mohammed", "Nadia", "Oliver", "Priya",
               "Rhys", "Sofia", "Tom", "Uma", "Victoria", "Wei", "Yusuf", "Zoe"]
SURNAMES = ["Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes", "Iqbal",
            "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Owen", "Patel", "Roberts", "Smith",
            "Taylor", "Walker", "Wright", "Young"]
HOME_LA = "Home Authority"
OTHER_LAS = tuple(f"Neighbour Authority {i}" for i in range(1, 7)) + tuple(
    f"Distant Authority {i}" for i in range(1, 4))


class Choice(Generic[U]):
    """Weighted choice with precomputed cumulative weights."""

    def __init__(self, pairs: Sequence[tuple[U, float]]) -> None:
        self.values = [value for value, _weight in pairs]
        self.cum = list(accumulate(weight for _value, weight in pairs))

    def __call__(self, rng: random.Random) -> U:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def wd(start: dt.date, n: int) -> dt.date:
    """add_working_days, answering a far date past the calendar (always after the as-of)."""
    try:
        return add_working_days(start, n)
    except CalendarRangeError:
        return dt.date.max if n > 0 else dt.date.min


def days(rng: random.Random, lo: int, hi: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(lo, hi))


def age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return born.replace(year=born.year + years, day=28)


def born_for_age(rng: random.Random, age: int, on: dt.date) -> dt.date:
    """A date of birth giving exactly ``age`` whole years on ``on``."""
    return birthday(on, -age) - dt.timedelta(days=rng.randint(0, 364))


def _spread(low: int, high: int, weights: Sequence[float]) -> Choice[int]:
    return Choice(list(zip(range(low, high + 1), weights, strict=True)))


GENDER = Choice([("male", 0.505), ("female", 0.485), ("not_stated", 0.01)])
ETHNICITY = Choice([
    ("WBRI", 64.0), ("WIRI", 0.5), ("WIRT", 0.3), ("WOTH", 6.0), ("WROM", 1.0), ("MWBC", 3.0),
    ("MWBA", 1.0), ("MWAS", 1.5), ("MOTH", 3.0), ("AIND", 1.5), ("APKN", 3.0), ("ABAN", 1.0),
    ("AOTH", 2.0), ("BCRB", 1.5), ("BAFR", 3.5), ("BOTH", 1.0), ("CHNE", 0.3), ("OOTH", 2.5),
    ("REFU", 0.4), ("NOBT", 1.5)])
CHILD_AGE = _spread(0, 17, [11.0, *[5.0] * 9, 5.5, 5.5, 6.0, 6.5, 7.0, 7.0, 5.5, 3.0])
CLA_AGE = _spread(0, 17, [5.0, *[3.5] * 4, *[3.6] * 5, 6.0, 6.0, 6.5, 6.5, 6.5, 6.5, 12.0, 13.0])
CONTACT_SOURCE = Choice([
    ("1A", 5.0), ("1B", 1.0), ("1C", 1.5), ("1D", 1.0), ("2A", 18.0), ("2B", 2.0), ("3A", 3.0),
    ("3B", 3.0), ("3C", 1.0), ("3D", 2.0), ("3E", 3.0), ("3F", 3.0), ("4", 2.0), ("5A", 3.0),
    ("5B", 3.0), ("5C", 3.0), ("6", 30.0), ("7", 3.0), ("8", 6.0), ("9", 2.5), ("10", 1.0)])
PRIMARY_NEED = Choice([("N1", 56.0), ("N2", 10.0), ("N3", 4.0), ("N4", 6.0), ("N5", 16.0),
                       ("N6", 2.0), ("N7", 0.5), ("N8", 4.0), ("N9", 1.0), ("N0", 0.5)])
CLA_NEED = Choice([("N1", 64.0), ("N2", 3.0), ("N3", 2.0), ("N4", 7.0), ("N5", 14.0),
                   ("N6", 2.0), ("N7", 0.5), ("N8", 7.0), ("N9", 0.5)])
ABUSE = Choice([("NEG", 50.0), ("EMO", 38.0), ("PHY", 7.0), ("SAB", 4.0), ("MUL", 1.0)])
CP_DAYS = Choice([((60, 180), 30.0), ((181, 450), 47.0), ((451, 730), 20.0), ((731, 1300), 3.0)])
ASSESSMENT_WD = Choice([((8, 44), 76.0), ((44, 45), 6.0), ((46, 60), 10.0), ((61, 110), 8.0)])
CLOSE_REASON = Choice([("RC7", 70.0), ("RC5", 6.0), ("RC6", 3.0), ("RC3", 3.0), ("RC4", 3.0),
                       ("RC9", 15.0)])
CEASED_REASON = Choice([
    ("E4A", 30.0), ("E4B", 4.0), ("E13", 4.0), ("E41", 3.0), ("E45", 5.0), ("E46", 2.0),
    ("E47", 5.0), ("E48", 1.0), ("E17", 10.0), ("E5", 12.0), ("E6", 4.0), ("E8", 6.0),
    ("E3", 1.0), ("E9", 1.0), ("E14", 2.0), ("E15", 1.0), ("E7", 1.0), ("E16", 0.5),
    ("E2", 0.2)])
ADULT_CEASE = frozenset({"E17", "E5", "E6", "E7"})
IN_TOUCH_YOUNG = Choice([("yes", 93.0), ("no", 3.0), ("refused", 2.0),
                         ("no_longer_required", 1.5), ("returned_home", 0.5)])
IN_TOUCH_OLD = Choice([("yes", 88.0), ("no", 5.5), ("refused", 3.0),
                       ("no_longer_required", 2.5), ("returned_home", 0.8), ("died", 0.2)])
ACCOMMODATION = Choice([
    ("U", 30.0), ("D", 20.0), ("B", 14.0), ("Z", 8.0), ("E", 6.0), ("T", 5.0), ("C", 2.0),
    ("K", 2.0), ("Y", 3.0), ("X", 2.0), ("W", 1.0), ("S", 0.6), ("V", 0.6), ("G", 0.4),
    ("H", 0.1)])
ACTIVITY_OLD = Choice([("F1", 7.0), ("P1", 1.0), ("F2", 11.0), ("P2", 3.0), ("F3", 29.0),
                       ("P3", 11.0), ("G4", 8.0), ("G5", 22.0), ("G6", 8.0)])
ACTIVITY_YOUNG = Choice([("F1", 1.0), ("F2", 45.0), ("P2", 5.0), ("F3", 12.0), ("P3", 5.0),
                         ("G4", 6.0), ("G5", 22.0), ("G6", 4.0)])
PLACEMENTS: Mapping[str, Choice[str]] = {
    "breaks": Choice([("U6", 60.0), ("K2", 40.0)]),
    "baby": Choice([("U6", 60.0), ("U3", 15.0), ("U5", 10.0), ("P1", 8.0), ("R3", 7.0)]),
    "child": Choice([("U4", 30.0), ("U6", 30.0), ("U3", 15.0), ("U1", 10.0), ("P1", 10.0),
                     ("K2", 3.0), ("Z1", 2.0)]),
    "teen": Choice([("U4", 30.0), ("U6", 25.0), ("U3", 8.0), ("U1", 5.0), ("K2", 20.0),
                    ("P1", 5.0), ("S1", 3.0), ("K1", 1.0), ("R5", 1.0), ("T4", 2.0)]),
    "older": Choice([("H5", 30.0), ("U4", 20.0), ("U6", 15.0), ("K2", 15.0), ("P2", 8.0),
                     ("U1", 4.0), ("R5", 2.0), ("P1", 4.0), ("P3", 1.0), ("T0", 1.0)]),
}
PERMANENCE: Mapping[str, Choice[str]] = {
    "young": Choice([("return_to_family", 35.0), ("sgo_cao", 25.0),
                     ("long_term_fostering", 25.0), ("adoption", 10.0), ("other", 5.0)]),
    "child": Choice([("long_term_fostering", 50.0), ("return_to_family", 20.0),
                     ("sgo_cao", 15.0), ("long_term_residential", 5.0), ("other", 10.0)]),
    "teen": Choice([("long_term_fostering", 40.0), ("supported_living", 25.0),
                    ("long_term_residential", 15.0), ("return_to_family", 15.0),
                    ("other", 5.0)]),
}


@dataclass(slots=True)
class Child:
    id: int
    gender: str
    ethnicity: str
    dob: dt.date | None
    disability: str


@dataclass(slots=True)
class Worker:
    name: str
    team: str
    weight: float


@dataclass
class Team:
    name: str
    workers: list[Worker] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)

    def pick(self, rng: random.Random) -> Worker:
        if not self.cum:
            self.cum = list(accumulate(w.weight for w in self.workers))
        return self.workers[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


class World:
    """Builds the rows of every list, keyed by canonical column keys."""

    def __init__(self, children: int, rng: random.Random, as_of: dt.date, months: int,
                 *, messy: bool, errors: bool) -> None:
        self.rng = rng
        self.as_of = as_of
        self.scale = children / 10_000
        self.ws = add_months(as_of, -months) + dt.timedelta(days=1)
        self.history = self.ws - dt.timedelta(days=365)
        self.months = months
        self.messy = messy
        self.errors = errors
        self.rows: dict[str, list[Row]] = {key: [] for key in LIST_KEYS}
        self.next_id = rng.randint(1_000_000, 3_000_000)
        self.next_adopter = rng.randint(5_000_000, 6_000_000)
        self.next_family = rng.randint(7_000_000, 8_000_000)
        self.children: list[Child] = []
        self.teams: dict[str, list[Team]] = {}
        self._workforce()

    # ----- people ------------------------------------------------------------------------

    def count(self, per_10k: float) -> int:
        expected = per_10k * self.scale
        whole = int(expected)
        return whole + (1 if self.rng.random() < expected - whole else 0)

    def _workforce(self) -> None:
        rng = self.rng
        names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
        rng.shuffle(names)
        pool = iter(names)
        plan = {"mash": ("Front Door (MASH)", 1.2), "assessment": ("Assessment Team {}", 6.0),
                "safeguarding": ("Safeguarding Team {}", 13.0),
                "cwd": ("Children with Disabilities Team", 3.0),
                "cic": ("Children in Care Team {}", 6.0),
                "leaving": ("Care Leavers Team {}", 2.0)}
        for kind, (pattern, per_10k) in plan.items():
            staff = max(2, round(per_10k * self.scale))
            n_teams = max(1, round(staff / 7)) if "{}" in pattern else 1
            teams = [Team(pattern.format(i + 1)) for i in range(n_teams)]
            for i in range(staff):
                team = teams[i % n_teams]
                name = next(pool, None) or f"Worker {len(team.workers) + 1:03d} {team.name}"
                team.workers.append(Worker(name, team.name, rng.lognormvariate(0.0, 0.35)))
            self.teams[kind] = teams

    def allocate(self, kind: str, row: Row) -> None:
        rng = self.rng
        team = rng.choice(self.teams[kind])
        row["allocated_team"] = team.name
        roll = rng.random()
        if roll < 0.015:
            row["allocated_worker"] = None
        elif roll < 0.022:
            row["allocated_worker"] = "Unallocated"
        elif roll < 0.025 and self.messy:
            row["allocated_team"] = row["allocated_worker"] = "#N/A"
        else:
            row["allocated_worker"] = team.pick(rng).name

    def new_child(self, dob: dt.date | None) -> Child:
        rng = self.rng
        self.next_id += rng.randint(1, 40)
        child = Child(self.next_id, GENDER(rng), ETHNICITY(rng), dob,
                      "yes" if rng.random() < 0.07 else "no")
        self.children.append(child)
        return child

    def child_of_age(self, age: int) -> Child:
        return self.new_child(born_for_age(self.rng, age, self.as_of))

    def demographics(self, child: Child) -> Row:
        return {"child_id": child.id, "gender": child.gender, "ethnicity": child.ethnicity,
                "date_of_birth": child.dob, "age": child.dob, "disability": child.disability}

    # ----- front door: contacts, referrals, assessments, s47, CP, CIN -----------------------

    def front_door(self) -> None:
        rng = self.rng
        span = (self.as_of - self.history).days
        for _ in range(self.count(RATES["referrals_per_year"] * span / 365 / 1.4)):
            child = self.child_of_age(CHILD_AGE(rng))
            referral = self.history + dt.timedelta(days=rng.randint(0, span))
            history: dict[str, list[dt.date]] = {"referrals": [], "s47s": [], "icpcs": []}
            while referral <= self.as_of:
                if child.dob is not None and referral < child.dob - dt.timedelta(days=90):
                    referral = child.dob - dt.timedelta(days=rng.randint(0, 90))
                closed = self.episode(child, referral, history)
                history["referrals"].append(referral)
                if closed is None or rng.random() > 0.4:
                    break
                referral = closed + days(rng, 7, 200)

    def _referral(self, child: Child, referral: dt.date, earlier: list[dt.date]) -> bool:
        """The List 3 row; whether the referral ended in no further action."""
        rng = self.rng
        nfa = rng.random() < 0.08
        row: Row = {**self.demographics(child), "referral_date": referral,
                    "referral_source": CONTACT_SOURCE(rng),
                    "referral_nfa": "yes" if nfa else "no",
                    "referrals_last_12_months": sum(
                        1 for d in earlier if referral - dt.timedelta(days=365) <= d < referral)}
        self.allocate("mash" if nfa else "assessment", row)
        if referral >= self.ws:
            self.rows["referrals"].append(row)
            self.contacts_before(child, referral)
        return nfa

    def _assessment(self, child: Child, referral: dt.date) -> tuple[dt.date | None, bool | None,
                                                                      Row] | None:
        """The List 4 row: (authorised on, needs support, worker), None if not started."""
        rng = self.rng
        start = wd(referral, Choice([(0, 55.0), (1, 25.0), (2, 10.0), (4, 10.0)])(rng))
        if start > self.as_of:
            return None
        lo, hi = ASSESSMENT_WD(rng)
        done: dt.date | None = wd(start, rng.randint(lo, hi))
        if done is not None and done > self.as_of:
            done = None
        if done is not None and self.errors and rng.random() < 0.002:
            done = start - days(rng, 1, 5)  # a data-entry error the reader must flag
        seen = Choice([("yes", 94.0), ("no", 4.0), (None, 2.0)])(rng) if done else None
        support = (rng.random() < 0.62) if done else None
        worker: Row = {}
        self.allocate("assessment", worker)
        if start >= self.ws or done is None or done >= self.ws:
            self.rows["assessments"].append({
                **self.demographics(child), "assessment_start_date": start,
                "child_seen_during_assessment": seen, "assessment_authorisation_date": done,
                "assessment_outcome_support": None if support is None
                else ("yes" if support else "no"), **worker})
        return done, support, worker

    def _care_date(self, child: Child, referral: dt.date) -> dt.date:
        """When a child referred would start to be looked after: never before birth."""
        when = referral + days(self.rng, 0, 150)
        if child.dob is not None and when <= child.dob:
            when = child.dob + days(self.rng, 0, 20)
        return when

    def _protection(self, child: Child, referral: dt.date, history: dict[str, list[dt.date]]
                    ) -> tuple[dt.date | None, dt.date | None, dt.date | None, dt.date | None]:
        """Section 47, a plan and entry to care: (plan start, plan end, care start, care end)."""
        rng = self.rng
        care_roll, care_date = rng.random(), self._care_date(child, referral)
        cp_start = cp_end = None
        if rng.random() < 0.33:
            s47 = wd(referral, Choice([(0, 60.0), (1, 20.0), (3, 20.0)])(rng))
            if s47 <= self.as_of:
                cap = care_date if care_roll < 0.12 and care_date <= self.as_of else None
                cp_start, cp_end = self.section_47(child, s47, history, cap)
                history["s47s"].append(s47)
        cla_start = cla_end = None
        if (care_roll < (0.12 if cp_start else 0.025) and care_date <= self.as_of
                and (cp_start is None or care_date >= cp_start)):
            cla_start = care_date
            cla_end = self.looked_after(child, cla_start, from_front_door=True)
        return cp_start, cp_end, cla_start, cla_end

    def _closure(self, done: dt.date | None, support: bool | None, plan: tuple[
            dt.date | None, dt.date | None, dt.date | None, dt.date | None]
                 ) -> tuple[dt.date | None, str | None]:
        rng = self.rng
        cp_start, cp_end, cla_start, cla_end = plan
        if cla_start is not None:
            close, reason = cla_end, "RC7"
        elif cp_start is not None:
            close = None if cp_end is None else cp_end + (
                dt.timedelta(0) if rng.random() < 0.35 else days(rng, 30, 270))
            reason = "RC7"
        elif done is None:
            close, reason = None, None
        elif not support:
            close, reason = done, ("RC9" if rng.random() < 0.25 else "RC8")
        else:
            close, reason = done + days(rng, 40, 420), CLOSE_REASON(rng)
        if close is not None and close > self.as_of:
            close = None
        return close, reason if close else None

    def episode(self, child: Child, referral: dt.date, history: dict[str, list[dt.date]]
                ) -> dt.date | None:
        """One referral and what follows; returns the CIN closure date (None if open)."""
        if self._referral(child, referral, history["referrals"]):
            return referral
        assessed = self._assessment(child, referral)
        if assessed is None:
            return None
        done, support, worker = assessed
        plan = self._protection(child, referral, history)
        close, reason = self._closure(done, support, plan)
        cp_start, cp_end, cla_start, cla_end = plan
        self.cin_row(child, referral, close, reason, worker, open_assessment=done is None,
                     cp_open=cp_start is not None and cp_end is None,
                     cla_open=cla_start is not None and cla_end is None)
        return close

    def contacts_before(self, child: Child, referral: dt.date) -> None:
        rng = self.rng
        dates = [referral - dt.timedelta(days=rng.choice((0, 0, 0, 0, 1, 2, 3)))]
        if rng.random() < 0.25:
            dates += [referral - days(rng, 7, 300) for _ in range(rng.randint(1, 3))]
        for day in dates:
            if self.ws <= day <= self.as_of:
                self.contact(child, day)

    def contact(self, child: Child, when: dt.date) -> None:
        self.rows["contacts"].append({**self.demographics(child), "contact_date": when,
                                      "contact_source": CONTACT_SOURCE(self.rng)})

    def _conference(self, s47: dt.date) -> tuple[dt.date | None, str | None, str | None]:
        """(conference date, 'deemed unnecessary', 'resulted in a plan')."""
        rng = self.rng
        if rng.random() >= 0.38:
            return None, "yes", None
        k = rng.randint(4, 15) if rng.random() < 0.78 else rng.randint(16, 35)
        icpc: dt.date | None = wd(s47, k)
        if icpc is not None and icpc > self.as_of:
            return None, None, None
        if self.errors and rng.random() < 0.002:
            icpc = s47 - days(rng, 1, 3)  # a data-entry error
        return icpc, "no", "yes" if rng.random() < 0.88 else "no"

    def section_47(self, child: Child, s47: dt.date, history: dict[str, list[dt.date]],
                   care_date: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
        rng = self.rng
        icpc, unnecessary, plan = self._conference(s47)
        year_ago = s47 - dt.timedelta(days=365)
        row: Row = {
            **self.demographics(child), "s47_start_date": s47, "icpc_not_required": unnecessary,
            "icpc_date": icpc, "icpc_resulted_in_plan": plan,
            "s47_last_12_months": sum(1 for d in history["s47s"] if year_ago <= d < s47)
            + (1 if rng.random() < 0.05 else 0),
            "icpcs_last_12_months": sum(1 for d in history["icpcs"] if year_ago <= d < s47)}
        self.allocate("safeguarding", row)
        if s47 >= self.ws or (icpc is not None and icpc >= self.ws):
            self.rows["section_47"].append(row)
        if icpc is None or plan != "yes" or icpc < s47:
            return None, None
        history["icpcs"].append(icpc)
        lo, hi = CP_DAYS(rng)
        end: dt.date | None = icpc + days(rng, lo, hi)
        if care_date is not None and icpc <= care_date and (end is None or end > care_date):
            end = care_date  # the plan ends when the child becomes looked after
        if end is not None and end > self.as_of:
            end = None
        self.cp_plan(child, icpc, end)
        return icpc, end

    def _cp_visit(self, child: Child, start: dt.date, ref: dt.date
                  ) -> tuple[dt.date | None, str | None]:
        rng = self.rng
        roll = rng.random()
        k = (rng.randint(0, 10) if roll < 0.85 else rng.randint(11, 20) if roll < 0.95
             else rng.randint(21, 40) if roll < 0.98 else None)
        visit = None if k is None else max(start, wd(ref, -k))
        age = age_on(child.dob, visit) if (child.dob and visit) else 10
        if visit is None:
            return None, None
        if age < 3:
            return visit, "no" if rng.random() < 0.8 else None
        return visit, Choice([("yes", 78.0), ("no", 20.0), (None, 2.0)])(rng)

    def _cp_review(self, start: dt.date, ref: dt.date) -> dt.date | None:
        rng = self.rng
        review: dt.date | None = None
        due = add_months(start, 3)
        nxt = due - days(rng, 0, 25) if rng.random() < 0.88 else due + days(rng, 1, 45)
        while nxt <= ref:
            review = nxt
            due = add_months(review, 6)
            nxt = due - days(rng, 0, 25) if rng.random() < 0.9 else due + days(rng, 1, 50)
        return review

    def cp_plan(self, child: Child, start: dt.date, end: dt.date | None) -> None:
        """A List 7 row (none when the plan ended before the period)."""
        rng = self.rng
        if end is not None and end < self.ws:
            return
        ref = end or self.as_of
        visit, alone = self._cp_visit(child, start, ref)
        initial = ABUSE(rng)
        row: Row = {
            **self.demographics(child), "cp_plan_start_date": start,
            "initial_abuse_category": initial,
            "latest_abuse_category": initial if rng.random() < 0.85 else ABUSE(rng),
            "cp_last_visit_date": visit, "cp_seen_alone": alone,
            "cp_latest_review_date": self._cp_review(start, ref), "cp_plan_end_date": end,
            "epo_last_six_months": "yes" if rng.random() < 0.03 else "no",
            "previous_cp_plans": Choice([(0, 77.0), (1, 17.0), (2, 4.5), (3, 1.5)])(rng)}
        self.allocate("cwd" if child.disability == "yes" and rng.random() < 0.5
                      else "safeguarding", row)
        self.rows["child_protection"].append(row)

    @staticmethod
    def _status(close: dt.date | None, *, cla_open: bool, cp_open: bool,
                open_assessment: bool) -> str:
        if close is not None:
            return "closed"
        if cla_open:
            return "cla"
        if cp_open:
            return "cp"
        return "open_assessment" if open_assessment else "cin_plan"

    def cin_row(self, child: Child, start: dt.date, close: dt.date | None, reason: str | None,
                worker: Row, *, open_assessment: bool = False, cp_open: bool = False,
                cla_open: bool = False, need: str | None = None) -> None:
        rng = self.rng
        if close is not None and close < self.ws:
            return
        status = self._status(close, cla_open=cla_open, cp_open=cp_open,
                              open_assessment=open_assessment)
        seen: dt.date | None = (close or self.as_of) - dt.timedelta(
            days=rng.randint(0, 30) if rng.random() < 0.85 else rng.randint(31, 110))
        if seen is not None and seen < start:
            seen = start if rng.random() < 0.7 else None
        row: Row = {
            **self.demographics(child), "cin_start_date": start,
            "primary_need": need or ("N2" if child.disability == "yes" and rng.random() < 0.6
                                     else PRIMARY_NEED(rng)),
            "date_last_seen": seen, "cin_closure_date": close, "cin_closure_reason": reason,
            "case_status": status}
        if worker and (status in {"open_assessment", "closed", "cla"} or rng.random() < 0.15):
            row.update({k: worker[k] for k in ("allocated_team", "allocated_worker")})
        else:
            self.allocate("cwd" if row["primary_need"] == "N2" else "safeguarding", row)
        self.rows["children_in_need"].append(row)

    def long_running_plans(self) -> None:
        """Child protection plans that began before the referral history window."""
        rng = self.rng
        earliest = self.as_of - dt.timedelta(days=5 * 365)
        for _ in range(self.count(RATES["cp_starts_per_year"]
                                  * (self.history - earliest).days / 365)):
            start = earliest + dt.timedelta(days=rng.randint(0, (self.history - earliest).days - 1))
            lo, hi = CP_DAYS(rng)
            end: dt.date | None = start + days(rng, lo, hi)
            if end is not None and end < self.ws:
                continue
            if end is not None and end > self.as_of:
                end = None
            child = self.child_of_age(rng.randint(max(1, (self.as_of - start).days // 365), 17))
            self.cp_plan(child, start, end)
            close = None if end is None else end + (
                dt.timedelta(0) if rng.random() < 0.4 else days(rng, 30, 270))
            if close is not None and close > self.as_of:
                close = None
            self.cin_row(child, start - days(rng, 20, 150), close, "RC7" if close else None,
                         {}, cp_open=end is None)

    def long_standing_need(self) -> None:
        """Long-standing children in need (often disabled children)."""
        rng = self.rng
        for _ in range(self.count(35.0)):
            child = self.child_of_age(rng.randint(3, 17))
            child.disability = "yes" if rng.random() < 0.6 else "no"
            start = self.as_of - days(rng, 400, 3000)
            if child.dob is not None and start < child.dob:
                start = child.dob + days(rng, 30, 365)
            close = None if rng.random() < 0.85 else self.ws + days(
                rng, 0, (self.as_of - self.ws).days)
            self.cin_row(child, start, close, "RC7" if close else None, {},
                         need="N2" if child.disability == "yes" else None)

    # ----- children in care --------------------------------------------------------------

    def care_stock(self) -> None:
        """Children looked after at the as-of date."""
        rng = self.rng
        for _ in range(self.count(RATES["cla_stock"] * 0.72)):
            age = CLA_AGE(rng)
            child = self.child_of_age(age)
            assert child.dob is not None  # noqa: S101 - child_of_age gives one
            roll = rng.random()
            span = (rng.randint(0, 180) if roll < 0.2 else rng.randint(181, 365) if roll < 0.35
                    else rng.randint(366, 1095) if roll < 0.6 else rng.randint(1096, 6000))
            start = min(self.as_of, max(self.as_of - dt.timedelta(days=span),
                                        child.dob + days(rng, 0, 20)))
            uasc = age >= 14 and rng.random() < 0.25 and span < 900
            if uasc:
                child.gender = "male" if rng.random() < 0.92 else "female"
                child.ethnicity = Choice([("OOTH", 40.0), ("BAFR", 25.0), ("AOTH", 25.0),
                                          ("WOTH", 10.0)])(rng)
            self.looked_after(child, start, uasc=uasc)

    def care_leaving(self) -> None:
        """Children who ceased to be looked after during the period."""
        rng = self.rng
        window = (self.as_of - self.ws).days
        for _ in range(self.count(RATES["cla_starts_per_year"] * self.months / 12 * 0.8)):
            end = self.ws + dt.timedelta(days=rng.randint(0, window))
            reason = CEASED_REASON(rng)
            roll = rng.random()
            span = (rng.randint(1, 60) if roll < 0.3 else rng.randint(61, 400) if roll < 0.6
                    else rng.randint(401, 3000))
            dob = (birthday(end, -18) if reason in ADULT_CEASE
                   else born_for_age(rng, rng.randint(0, 17), end))
            child = self.new_child(dob)
            start = max(end - dt.timedelta(days=span), dob + dt.timedelta(days=1))
            self.looked_after(child, start, end=end, reason=reason)
            if reason in ADULT_CEASE:
                self.care_leaver(child, "former_relevant")

    def _legal(self, child: Child, start: dt.date, ref: dt.date, *, uasc: bool,
               adoption: Dates | None) -> tuple[str, dt.date, bool]:
        """(legal status, its start, short breaks)."""
        rng = self.rng
        in_care, age = (ref - start).days, age_on(child.dob or start, ref)
        breaks = adoption is None and not uasc and child.disability == "yes" and (
            rng.random() < 0.3)
        po = adoption.get("placement_order") if adoption is not None else None
        if uasc:
            legal = "V2"
        elif adoption is not None:
            legal = "E1" if po is not None and po <= ref else ("C2" if in_care > 200 else "C1")
        elif breaks:
            legal = "V3" if rng.random() < 0.7 else "V4"
        else:
            legal = Choice([("C2", 52.0 if in_care > 150 else 5.0), ("C1", 14.0),
                            ("V2", 24.0 if age >= 10 else 10.0), ("E1", 4.0 if age < 6 else 0.0),
                            ("J1", 1.0 if age >= 12 else 0.0), ("L1", 0.5), ("L2", 0.5)])(rng)
        legal_start = start
        if legal == "C2":
            legal_start = min(ref, start + days(rng, 60, 400))
        elif legal == "E1" and po is not None:
            legal_start = po
        return legal, legal_start, breaks

    def _cla_review(self, start: dt.date, ref: dt.date) -> dt.date | None:
        """First review within 20 working days, second within 3 months, then 6-monthly."""
        rng = self.rng
        if (ref - start).days > 400:
            back = rng.randint(0, 183) if rng.random() < 0.92 else rng.randint(184, 300)
            return max(start, ref - dt.timedelta(days=back))
        review: dt.date | None = None
        nxt = wd(start, rng.randint(8, 20) if rng.random() < 0.9 else rng.randint(21, 40))
        gap = 3
        while nxt <= ref:
            review = nxt
            due = add_months(review, gap)
            nxt = due - days(rng, 0, 20) if rng.random() < 0.9 else due + days(rng, 1, 40)
            gap = 6
        return review

    def _placements(self, start: dt.date, ref: dt.date, age: int) -> tuple[int, dt.date]:
        """(placements in the last 12 months, current placement start)."""
        rng = self.rng
        moves = Choice([(1, 72.0), (2, 19.0), (3, 6.0), (4, 2.0), (5, 0.7), (6, 0.3)])(rng)
        if age >= 13 and moves == 1 and rng.random() < 0.04:
            moves = 3
        year_ago = ref - dt.timedelta(days=365)
        if moves == 1:
            placed = start if start >= year_ago or rng.random() < 0.45 else start + dt.timedelta(
                days=rng.randint(0, max(0, (year_ago - start).days)))
        else:
            low = max(start, year_ago)
            placed = low + dt.timedelta(days=rng.randint(0, max(0, (ref - low).days)))
        if (ref - start).days < 365:
            moves = min(moves, 1 + (ref - start).days // 20)
            if placed == start:
                moves = 1
        return moves, placed

    def _visit(self, start: dt.date, placed: dt.date, ref: dt.date) -> dt.date | None:
        """Within a week of a placement starting, then every 6 weeks (3 months when a
        long-term placement has lasted a year)."""
        rng = self.rng
        roll = rng.random()
        back = (rng.randint(0, 41) if roll < 0.86 else rng.randint(42, 90) if roll < 0.95
                else rng.randint(91, 150))
        if (ref - placed).days < 7 and rng.random() < 0.5:
            return None
        return max(start, ref - dt.timedelta(days=back))

    def _health(self, dob: dt.date, start: dt.date, ref: dt.date) -> dt.date | None:
        """Initial assessment within 20 working days, then 6-monthly under 5, yearly from 5."""
        rng = self.rng
        if (ref - start).days >= 400:
            span = (ref - add_months(ref, -(6 if age_on(dob, ref) < 5 else 12))).days
            back = rng.randint(0, span) if rng.random() < 0.88 else rng.randint(span + 1,
                                                                                span + 200)
            return max(start, ref - dt.timedelta(days=back))
        roll = rng.random()
        health = None if roll < 0.1 else wd(start, rng.randint(5, 20) if roll < 0.55
                                               else rng.randint(21, 60))
        if health is not None and health > ref:
            return None
        while health is not None:
            nxt = add_months(health, 6 if age_on(dob, health) < 5 else 12) + (
                -days(rng, 0, 30) if rng.random() < 0.88 else days(rng, 1, 120))
            if nxt > ref:
                break
            health = nxt
        return health

    def _dental(self, dob: dt.date, ref: dt.date) -> dt.date | None:
        rng = self.rng
        if age_on(dob, ref) < 1:
            return None
        roll = rng.random()
        dental = (ref - days(rng, 0, 364) if roll < 0.75 else ref - days(rng, 365, 700)
                  if roll < 0.9 else None)
        return None if dental is not None and dental < birthday(dob, 1) else dental

    def _missing(self, age: int, kind: str) -> Row:
        rng = self.rng
        missing = absent = 0
        if age >= 11:
            risk = 0.35 if kind in {"K2", "H5"} else 0.12
            if rng.random() < risk:
                missing = min(40, int(rng.expovariate(0.3)) + 1)
            if rng.random() < risk:
                absent = min(40, int(rng.expovariate(0.25)) + 1)
        offered = accepted = None
        if missing:
            offered = Choice([("yes", 82.0), ("no", 14.0), (None, 4.0)])(rng)
            if offered == "yes":
                accepted = "yes" if rng.random() < 0.6 else "no"
        return {"missing_episodes_12m": missing, "absent_episodes_12m": absent,
                "rhi_offered": offered, "rhi_accepted": accepted}

    def _where(self, kind: str) -> Row:
        """Provider, location and (a local extension) distance of a placement."""
        rng = self.rng
        provider = ("PR0" if kind == "P1" else
                    Choice([("PR1", 60.0), ("PR4", 37.0), ("PR5", 3.0)])(rng) if kind[0] in "UA"
                    else Choice([("PR4", 75.0), ("PR1", 15.0), ("PR5", 7.0), ("PR2", 3.0)])(rng))
        outside = rng.random() < (0.7 if kind in {"K2", "H5", "S1", "K1"} else 0.3)
        distance = (rng.uniform(0.3, 9.0) if not outside else rng.uniform(4.0, 20.0)
                    if rng.random() < 0.45 else rng.uniform(20.1, 180.0))
        other = rng.choice(OTHER_LAS) if rng.random() > 0.02 else rng.choice(("WAL", "SCO"))
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return {"placement_provider": provider,
                "placement_postcode": f"{'XY' if outside else 'XX'}{rng.randint(1, 19)} "
                f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}",
                "placement_urn": f"SC{rng.randint(100000, 999999)}" if kind in {"K1", "K2"}
                else None,
                "placement_location": "out" if outside else "in",
                "la_of_placement": other if outside else HOME_LA,
                "placement_distance_miles": round(distance, 1)}

    def _ending(self, start: dt.date, end: dt.date | None, reason: str | None,
                from_front_door: bool) -> tuple[dt.date | None, str | None]:
        rng = self.rng
        if end is None and from_front_door and rng.random() < 0.3:
            end = start + days(rng, 5, 500)
            reason = CEASED_REASON(rng)
            if reason in ADULT_CEASE:
                reason = "E4A"
            if end > self.as_of:
                end, reason = None, None
        return end, reason

    def looked_after(self, child: Child, start: dt.date, *, end: dt.date | None = None,
                     reason: str | None = None, uasc: bool = False, from_front_door: bool = False,
                     adoption: Dates | None = None) -> dt.date | None:
        """One period of care (a List 8 row, and its CIN row unless from the front door)."""
        rng = self.rng
        dob = child.dob or start
        end, reason = self._ending(start, end, reason, from_front_door)
        if end is not None and end < self.ws:
            return end
        ref = end or self.as_of
        in_care, age = (ref - start).days, age_on(dob, ref)
        legal, legal_start, breaks = self._legal(child, start, ref, uasc=uasc, adoption=adoption)
        moves, placed = self._placements(start, ref, age)
        kind = self.placement_type(age, legal, adoption, ref)
        if adoption is not None and adoption.get("placed") and kind in {"A5", "A6"}:
            placed = max(start, adoption["placed"] or start)
        row: Row = {
            **self.demographics(child), "uasc": "yes" if uasc else "no",
            "cla_start_date": start, "cla_category_of_need": "N8" if uasc else CLA_NEED(rng),
            "cla_second_period_12m": "yes" if in_care < 365 and rng.random() < 0.06 else "no",
            "legal_status_start_date": legal_start, "legal_status": legal,
            "cla_latest_review_date": self._cla_review(start, ref),
            "cla_last_visit_date": self._visit(start, placed, ref),
            "permanence_plan": self.permanence_plan(age, in_care, adoption),
            "iro_last_contact_date": None if rng.random() < 0.08
            else max(start, ref - days(rng, 0, 200)),
            "last_health_assessment_date": self._health(dob, start, ref),
            "last_dental_check_date": self._dental(dob, ref),
            "placements_last_12_months": moves, "cla_end_date": end,
            "reason_ceased": reason if end else None, "placement_start_date": placed,
            "placement_type": kind, **self._where(kind), **self._missing(age, kind)}
        self.allocate("cwd" if breaks else "cic", row)
        self.rows["children_in_care"].append(row)
        if not from_front_door:
            self.cin_row(child, max(dob, start - days(rng, 0, 200)), end,
                         self._cin_reason(reason) if end else None, row, cla_open=end is None)
        return end

    @staticmethod
    def _cin_reason(reason: str | None) -> str:
        if reason in {"E11", "E12"}:
            return "RC1"
        if reason and reason.startswith("E4") and len(reason) == 3:
            return "RC4"
        return "RC6" if reason in ADULT_CEASE else "RC7"

    def placement_type(self, age: int, legal: str, adoption: Dates | None, ref: dt.date) -> str:
        if adoption is not None:
            placed = adoption.get("placed")
            if placed is not None and placed <= ref:
                return "A5" if adoption.get("ffa") else "A6"
            return "U5" if adoption.get("ffa") else "U6"
        group = ("breaks" if legal in {"V3", "V4"} else "baby" if age < 1 else "child"
                 if age < 10 else "teen" if age < 16 else "older")
        return PLACEMENTS[group](self.rng)

    def permanence_plan(self, age: int, in_care: int, adoption: Dates | None) -> str | None:
        if adoption is not None:
            return "long_term_fostering" if adoption.get("reversed") else "adoption"
        if self.rng.random() < (0.35 if in_care < 120 else 0.05):
            return None
        return PERMANENCE["young" if age < 5 else "child" if age < 13 else "teen"](self.rng)

    # ----- care leavers ------------------------------------------------------------------

    def care_leavers(self) -> None:
        rng = self.rng
        ages = Choice([(17, 8.0), (18, 22.0), (19, 22.0), (20, 20.0), (21, 18.0), (22, 5.0),
                       (23, 3.0), (24, 2.0)])
        for _ in range(self.count(RATES["care_leavers_17_21"] * 1.1)):
            age = ages(rng)
            eligibility = ("relevant" if age < 18 and rng.random() < 0.85 else "qualifying"
                           if rng.random() < 0.08 else "former_relevant")
            self.care_leaver(self.child_of_age(age), eligibility)

    def care_leaver(self, child: Child, eligibility: str) -> None:
        rng = self.rng
        age = age_on(child.dob, self.as_of) if child.dob else 19
        touch = (IN_TOUCH_YOUNG if age < 19 else IN_TOUCH_OLD)(rng)
        accommodation = suitability = activity = None
        if touch == "yes":
            accommodation = ACCOMMODATION(rng)
            if age < 18 and accommodation == "Z":
                accommodation = "D"
            bad = accommodation in {"W", "S", "V", "X", "G", "H"}
            suitability = ("unsuitable" if (bad and rng.random() < 0.9) or rng.random() < 0.03
                           else "suitable")
            activity = (ACTIVITY_YOUNG if age < 19 else ACTIVITY_OLD)(rng)
        elif touch in {"no", "refused"} and rng.random() < 0.5:
            accommodation = "R"
        row: Row = {**self.demographics(child), "eligibility_category": eligibility,
                    "la_in_touch": touch, "accommodation_type": accommodation,
                    "accommodation_suitability": suitability, "activity_status": activity}
        self.allocate("leaving", row)
        self.rows["care_leavers"].append(row)

    # ----- adoption ----------------------------------------------------------------------

    def _adoption_dates(self, decision: dt.date, entered: dt.date) -> tuple[Dates, str | None]:
        rng = self.rng
        po: dt.date | None = decision + days(rng, 30, 210) if rng.random() < 0.92 else None
        roll = rng.random()
        gap = (rng.randint(20, 121) if roll < 0.5 else rng.randint(122, 300) if roll < 0.85
               else rng.randint(301, 700))
        match = po + dt.timedelta(days=gap) if po else None
        placed = match + days(rng, 7, 40) if match else None
        order = placed + days(rng, 90, 320) if placed else None
        ffa = entered + days(rng, 5, 120) if rng.random() < 0.12 else None
        reversal = decision + days(rng, 60, 500) if rng.random() < 0.1 else None
        reason = None
        if reversal is not None:
            reason = Choice([("RD1", 25.0), ("RD2", 20.0), ("RD3", 40.0), ("RD4", 15.0)])(rng)
            po = None if reason == "RD2" else po
            match = placed = order = None
        dates: Dates = {"po": po, "match": match, "placed": placed, "order": order,
                        "reversal": reversal}
        dates = {k: (v if v is not None and v <= self.as_of else None) for k, v in dates.items()}
        dates["ffa"] = ffa
        return dates, reason

    def _adopted_child(self, dob: dt.date, family: int | None, entered: dt.date,
                       decision: dt.date, dates: Dates, reason: str | None) -> None:
        rng = self.rng
        child = self.new_child(dob)
        child.disability = "yes" if rng.random() < 0.04 else "no"
        self.rows["adoption"].append({
            **self.demographics(child), "family_id": family, "entered_care_date": entered,
            "adm_decision_date": decision, "placement_order_date": dates["po"],
            "matching_date": dates["match"], "placed_for_adoption_date": dates["placed"],
            "adoption_order_date": dates["order"], "decision_reversed_date": dates["reversal"],
            "decision_reversed_reason": reason if dates["reversal"] else None,
            "ffa_placement_date": dates["ffa"]})
        end = dates["order"]
        self.looked_after(child, entered, end=end, reason=(
            "E11" if rng.random() < 0.6 else "E12") if end else None, adoption={
            "placement_order": dates["po"], "placed": dates["placed"], "ffa": dates["ffa"],
            "reversed": dates["reversal"]})

    def adoption(self) -> None:
        rng = self.rng
        year_ago = self.as_of - dt.timedelta(days=365)
        for _ in range(self.count(RATES["adoption_decisions_per_year"] * 3)):
            decision = self.as_of - days(rng, 0, 3 * 365)
            entered = decision - days(rng, 60, 300)
            group = 2 if rng.random() < 0.2 else 1
            first_dob = (entered - days(rng, 0, 4 * 365) if rng.random() > 0.55
                         else entered - days(rng, 0, 40))
            dates, reason = self._adoption_dates(decision, entered)
            finished = dates["order"] or dates["reversal"]
            if finished is not None and finished < year_ago and decision < year_ago:
                continue
            family = None
            if dates["match"] is not None:
                family = self.adopter_household(dates["match"], dates["placed"], dates["order"],
                                                group)
            for i in range(group):
                dob = first_dob - dt.timedelta(days=i * rng.randint(300, 900))
                self._adopted_child(dob, family, entered, decision, dates, reason)

    def _stages(self, match: dt.date | None, placed: dt.date | None, order: dt.date | None
                ) -> tuple[Dates, str | None]:
        rng = self.rng
        approved = match - days(rng, 20, 300) if match else self.as_of - days(rng, -200, 700)
        s2_end = approved - days(rng, 7, 30)
        s2_start = s2_end - days(rng, 75, 170)
        s1_end = s2_start - days(rng, 0, 60)
        s1_start = s1_end - days(rng, 35, 95)
        left = reason = None
        if match is None and rng.random() < 0.18:
            left = s1_start + days(rng, 10, 300)
            reason = Choice([("withdrew", 60.0), ("on_hold", 25.0), ("refused", 15.0)])(rng)
        stages: Dates = {
            "enquiry_date": s1_start - days(rng, 5, 90), "stage1_start_date": s1_start,
            "stage1_end_date": s1_end, "stage2_start_date": s2_start,
            "stage2_end_date": s2_end, "application_date": s2_start + days(rng, 0, 14),
            "approval_date": approved, "adopter_matched_date": match,
            "adopter_placed_date": placed, "adopter_adoption_order_date": order,
            "left_process_date": left}
        if left is not None:
            stages = {k: (v if v is None or v <= left or k == "left_process_date" else None)
                      for k, v in stages.items()}
        return {k: (v if v is not None and v <= self.as_of else None)
                for k, v in stages.items()}, reason

    def adopter_household(self, match: dt.date | None, placed: dt.date | None,
                          order: dt.date | None, children: int) -> int:
        """A household of one or two adopters; returns its family identifier."""
        rng = self.rng
        self.next_family += rng.randint(1, 30)
        family = self.next_family
        stages, reason = self._stages(match, placed, order)
        latest = max((v for v in stages.values() if v is not None), default=None)
        ongoing = (stages["adopter_adoption_order_date"] is None
                   and stages["left_process_date"] is None)
        if latest is None or (latest < self.as_of - dt.timedelta(days=365) and not ongoing):
            return family
        members = 2 if rng.random() < 0.7 else 1
        pair = Choice([(("male", "female"), 75.0), (("female", "female"), 12.0),
                       (("male", "male"), 13.0)])(rng)
        for i in range(members):
            self.next_adopter += rng.randint(1, 30)
            self.rows["adopters"].append({
                "adopter_id": self.next_adopter, "family_id": family,
                "gender": pair[i] if members == 2 else rng.choice(("male", "female")),
                "ethnicity": ETHNICITY(rng),
                "adopter_disability": "yes" if rng.random() < 0.03 else "no",
                "adopter_ffa": "yes" if rng.random() < 0.1 else "no", **stages,
                "children_placed": children if stages["adopter_placed_date"] else None,
                "left_process_reason": reason if stages["left_process_date"] else None})
        return family

    def adopters(self) -> None:
        for _ in range(self.count(RATES["adopter_households_per_year"] * 1.5)):
            self.adopter_household(None, None, None, 1)

    # ----- early help and the remaining contacts -----------------------------------------

    def early_help(self) -> None:
        rng = self.rng
        orgs = ([f"Early Help Locality {i}" for i in range(1, 5)]
                + [f"Family Hub {d}" for d in ("North", "South", "East", "West")]
                + [f"Synthetic Primary School {i}" for i in range(1, 13)]
                + ["Health Visiting Team", "Youth Service"])
        lead = 90
        span = (self.as_of - self.ws).days + lead
        existing = self.children[:]
        for _ in range(self.count(RATES["early_help_assessments_per_year"] * span / 365)):
            start = self.ws - dt.timedelta(days=lead) + dt.timedelta(days=rng.randint(0, span))
            done: dt.date | None = start + days(rng, 10, 70) if rng.random() < 0.7 else None
            if done is not None and done > self.as_of:
                done = None
            if done is not None and done < self.ws:
                continue
            child = (rng.choice(existing) if existing and rng.random() < 0.15
                     else self.child_of_age(CHILD_AGE(rng)))
            self.rows["early_help"].append({
                **self.demographics(child), "eh_assessment_start_date": start,
                "eh_assessment_completion_date": done, "eh_organisation": rng.choice(orgs)})

    def remaining_contacts(self) -> None:
        rng = self.rng
        extra = self.count(RATES["contacts_per_year"] * self.months / 12) - len(
            self.rows["contacts"])
        window = (self.as_of - self.ws).days
        existing = self.children[:]
        for _ in range(max(0, extra)):
            child = (rng.choice(existing) if existing and rng.random() < 0.3
                     else self.child_of_age(CHILD_AGE(rng)))
            self.contact(child, self.ws + dt.timedelta(days=rng.randint(0, window)))

    def build(self) -> dict[str, list[Row]]:
        for step in (self.front_door, self.long_running_plans, self.long_standing_need,
                     self.care_stock, self.care_leaving, self.care_leavers, self.adoption,
                     self.adopters, self.early_help, self.remaining_contacts):
            step()
        self.rows["contacts"].sort(key=lambda r: str(r["contact_date"]))
        self.rows["referrals"].sort(key=lambda r: str(r["referral_date"]))
        return self.rows


# --- writing ---------------------------------------------------------------------------------


def _category(column: ColumnSpec, key: str) -> CategoryValue | None:
    return next((value for value in column.values if value.key == key), None)


def _render(item: CategoryValue, style: str) -> str:
    if style == "code" and item.codes:
        return item.codes[0]
    if style == "label" or not item.variants:
        return item.label
    return item.variants[0]


@dataclass
class Style:
    """Per-workbook presentation choices, drawn once from the seed."""

    rng: random.Random
    messy: bool
    id_prefix: str = ""
    age_style: str = "years"
    value_style: dict[str, str] = field(default_factory=dict)

    def sheet_name(self, item: ListSpec) -> str:
        title, short = SHORT_TITLES[item.key]
        if not self.messy:
            return f"List {item.number}"
        return Choice([(f"List {item.number}", 50.0), (f"List {item.number} - {title}", 20.0),
                       (title, 15.0), (f"L{item.number} {short}", 10.0),
                       (f"List{item.number}_{short}", 5.0)])(self.rng)[:31]

    def header(self, column: ColumnSpec) -> str:
        rng = self.rng
        if not self.messy:
            return column.title
        text = column.title if rng.random() < 0.55 else rng.choice(column.headers)
        roll = rng.random()
        text = text.upper() if roll < 0.08 else text.lower() if roll < 0.13 else text
        if column.type == "date" and rng.random() < 0.1 and "yyyy" not in text.lower():
            text += " (DD/MM/YYYY)"
        roll = rng.random()
        if roll < 0.05:
            return text + " "
        if roll < 0.09:
            return text.replace(" ", "\u00a0", 1)
        return text.replace(" ", "\n", 1) if roll < 0.12 else text

    def value(self, column: ColumnSpec, key: object) -> object:
        item = _category(column, key) if isinstance(key, str) else None
        if item is None:
            return key  # open columns carry free text
        style = self.value_style.setdefault(
            column.value_set or column.key,
            Choice([("coded", 50.0), ("label", 35.0), ("code", 15.0)])(self.rng)
            if self.messy else "coded")
        if self.messy and self.rng.random() < 0.03:
            style = self.rng.choice(("coded", "label", "code"))
        return _render(item, style)

    def _date(self, value: dt.date, text_dates: bool) -> object:
        roll = self.rng.random()
        if text_dates and roll < 0.02:
            return f"{value:%d/%m/%Y}"
        return dt.datetime(value.year, value.month, value.day) if roll < 0.005 else value

    def _age(self, born: object, as_of: dt.date) -> object:
        if not isinstance(born, dt.date):
            return None
        if self.age_style == "years":
            return age_on(born, as_of)
        return round((as_of - born).days / 365.25, 2)

    def cell(self, column: ColumnSpec, value: object, as_of: dt.date, text_dates: bool
             ) -> object:
        if column.key == "age":
            return self._age(value, as_of)
        if column.type == "id" and isinstance(value, int) and self.id_prefix:
            prefix = {"adopter_id": "A", "family_id": "F"}.get(column.key, self.id_prefix)
            return f"{prefix}{value}"
        if column.type == "category":
            return self.value(column, value)
        if column.type == "date" and isinstance(value, dt.date) and self.messy:
            return self._date(value, text_dates)
        if value is None and self.messy and column.type in {"date", "category", "text"} and (
                self.rng.random() < 0.01):
            return self.rng.choice(("", " "))
        return value


def _header_rows(style: Style, item: ListSpec, columns: list[ColumnSpec], as_of: dt.date
                 ) -> tuple[list[list[object]], int]:
    """Rows above the data (a title, a blank row, the headers) and where a local column sits
    (-1 for none)."""
    rng = style.rng
    headers: list[object] = [style.header(c) for c in columns]
    extra_at = -1
    if style.messy and rng.random() < 0.25:
        extra_at = rng.randint(1, len(columns))
        headers.insert(extra_at, rng.choice(("Locality", "Notes", "Data Extract Run",
                                             "Comments")))
    top: list[list[object]] = []
    if style.messy and rng.random() < 0.2:
        top.append([f"List {item.number}: {item.title} (as at {as_of:%d/%m/%Y})"])
        if rng.random() < 0.5:
            top.append([])
    return [*top, headers], extra_at


def write(path: Path, spec: AnnexASpec, rows: Mapping[str, Sequence[Row]], as_of: dt.date,
          style: Style, extensions: bool) -> None:
    book = Workbook(write_only=True)
    for item in spec.lists:
        sheet = book.create_sheet(style.sheet_name(item))
        columns = [c for c in item.columns if c.standard or extensions]
        if style.messy and style.rng.random() < 0.2:
            columns = [c for c in columns if c.key != "age"]
        top, extra_at = _header_rows(style, item, columns, as_of)
        for line in top:
            sheet.append(line)
        text_dates = style.messy and style.rng.random() < 0.3
        for row in rows.get(item.key, ()):
            out = [style.cell(c, row.get(c.key), as_of, text_dates) for c in columns]
            if extra_at >= 0:
                out.insert(extra_at, None)
            sheet.append(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def generate(path: Path, *, children: int, seed: int, as_of: dt.date, months: int = 6,
             local_extensions: bool = False, messy: bool = True, errors: bool = True) -> None:
    """Write a synthetic Annex A workbook.

    ``children``: the authority's child population (0-17); list sizes scale with it
    (``RATES``). ``months``: how far back the event lists go. ``local_extensions`` adds the
    non-standard columns of the specification (placement distance). ``messy=False`` writes
    standard headers, coded values and "List N" sheets; ``errors=False`` no data-entry slips.
    """
    if children < 1:
        raise ValueError("children must be at least 1")
    if not dt.date(2018, 1, 1) <= as_of <= dt.date(2027, 12, 31):
        raise ValueError("as_of must be between 2018-01-01 and 2027-12-31 (working-day calendar)")
    rng = random.Random(seed)
    rows = World(children, rng, as_of, months, messy=messy, errors=errors).build()
    style = Style(rng, messy, id_prefix=rng.choice(("", "", "", "C", "LA")) if messy else "",
                  age_style=rng.choice(("years", "decimal")) if messy else "years")
    write(Path(path), load_spec(), rows, as_of, style, local_extensions)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic Annex A workbook.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2024, 1, 31))
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--tidy", action="store_true", help="standard headers and values")
    parser.add_argument("--no-errors", action="store_true", help="no data-entry slips")
    options = parser.parse_args()
    generate(options.path, children=options.children, seed=options.seed, as_of=options.as_of,
             months=options.months, messy=not options.tidy, errors=not options.no_errors)


if __name__ == "__main__":
    main()
