"""The fourteen sections of a plan, described once for every layer.

The UI builds its pages from these specs, the PDF layouts print from them
and the JSON schema checks entry ``section``/``field`` keys against them.
Strings are marked with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..i18n import N_


class SectionKind(str, Enum):
    FIELDS = "fields"          # free-text entries in named fields
    GOALS = "goals"
    LIFE_AREAS = "life_areas"
    CONTACTS = "contacts"
    APPOINTMENTS = "appointments"
    CHECKINS = "checkins"
    REVIEWS = "reviews"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str                 # first-person heading, N_-marked
    prompt: str = ""           # a gentle example shown in an empty field
    multi: bool = True         # a list of entries; False: one text box
    detail_label: str = ""     # set for paired entries ("what I can do")
    crisis: bool = False       # printed on the crisis and safety plan


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    intro: str
    kind: SectionKind = SectionKind.FIELDS
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "about_me", N_("About me"),
        N_("A little about who I am, in my own words."),
        fields=(
            FieldSpec("about", N_("A few words about me"),
                      N_("For example: I'm a dad, I love old films and I make a good curry."),
                      multi=False),
            FieldSpec("matters", N_("What matters most to me"),
                      N_("For example: my children, my allotment, being near the sea.")),
        ),
    ),
    SectionSpec(
        "hopes", N_("My hopes"),
        N_("What recovery means to me and what I hope for."),
        fields=(
            FieldSpec("recovery_means", N_("What recovery means to me"),
                      N_("For example: feeling like myself again, and having a say in my life."),
                      multi=False),
            FieldSpec("hopes", N_("My hopes and dreams for the future"),
                      N_("For example: to travel to see my sister in Dublin.")),
        ),
    ),
    SectionSpec(
        "strengths", N_("My strengths"),
        N_("The good things about me that I can lean on."),
        fields=(
            FieldSpec("good_at", N_("What I am good at"),
                      N_("For example: listening, fixing bikes, making people laugh.")),
            FieldSpec("valued", N_("What others value in me"),
                      N_("For example: my friends say I am loyal.")),
            FieldSpec("helped_before", N_("What has helped me before"),
                      N_("For example: walking every morning, talking to my brother.")),
        ),
    ),
    SectionSpec(
        "goals", N_("My goals"),
        N_("Things I want to do, broken into small steps I can take."),
        kind=SectionKind.GOALS,
    ),
    SectionSpec(
        "life_beyond", N_("Life beyond illness"),
        N_("The parts of my life that matter to me: where I am now and where I would like to be."),
        kind=SectionKind.LIFE_AREAS,
    ),
    SectionSpec(
        "keeping_well", N_("Keeping well"),
        N_("The everyday things that help me stay well."),
        fields=(
            FieldSpec("everyday", N_("Everyday things that keep me well"),
                      N_("For example: getting up by nine, a walk with the dog, eating breakfast.")),
            FieldSpec("more_of", N_("Things I want to do more of"),
                      N_("For example: seeing friends, cooking, going to the library.")),
        ),
    ),
    SectionSpec(
        "off_balance", N_("Things that can knock me off balance"),
        N_("Things that can make life harder, and what I can do about each one."),
        fields=(
            FieldSpec("things", N_("What can knock me off balance"),
                      N_("For example: money worries, or not sleeping well."),
                      detail_label=N_("What I can do about it")),
        ),
    ),
    SectionSpec(
        "warning_signs", N_("Early warning signs"),
        N_("Small changes that tell me I might be becoming unwell, and what helps then."),
        fields=(
            FieldSpec("i_notice", N_("What I notice"),
                      N_("For example: I stop answering my phone."), crisis=True),
            FieldSpec("others_notice", N_("What other people may notice"),
                      N_("For example: I talk faster than usual."), crisis=True),
            FieldSpec("i_will_do", N_("What I will do"),
                      N_("For example: tell my sister and go to bed at a regular time."), crisis=True),
            FieldSpec("others_do", N_("What I would like others to do"),
                      N_("For example: ask me how I am sleeping, gently."), crisis=True),
        ),
    ),
    SectionSpec(
        "hard_times", N_("When things are really hard"),
        N_("My crisis and safety plan: what I can do, and who can help, when things are really hard."),
        fields=(
            FieldSpec("need_help_signs", N_("Signs I need more help"),
                      N_("For example: I can't stop thinking about hurting myself."), crisis=True),
            FieldSpec("on_my_own", N_("Things I can do on my own"),
                      N_("For example: a cold shower, my playlist, writing it down."), crisis=True),
            FieldSpec("distractions", N_("People and places that take my mind off things"),
                      N_("For example: the café on the corner, ringing my cousin."), crisis=True),
            FieldSpec("safer", N_("Making my surroundings safer"),
                      N_("For example: giving my tablets to my partner to keep."), crisis=True),
            FieldSpec("keeps_me_going", N_("What keeps me going"),
                      N_("For example: my cat, and seeing my niece grow up."), crisis=True),
            FieldSpec("helps_unwell", N_("What helps when I am unwell"),
                      N_("For example: a quiet room and someone I know."), crisis=True),
            FieldSpec("not_helps_unwell", N_("What does not help when I am unwell"),
                      N_("For example: lots of questions at once."), crisis=True),
            FieldSpec("care_helped", N_("Care and treatment that helped me before"),
                      N_("For example: talking therapy, a short stay at the crisis house."),
                      crisis=True),
            FieldSpec("care_not_helped", N_("Care and treatment that did not help me"),
                      N_("For example: a medicine that made me too sleepy."), crisis=True),
            FieldSpec("care_where", N_("Where I would prefer to be supported"),
                      N_("For example: at home with the home treatment team."), crisis=True),
            FieldSpec("care_involve", N_("Who I want involved"),
                      N_("For example: my sister Ann."), crisis=True),
            FieldSpec("care_not_involve", N_("Who I do not want involved"),
                      N_("For example: my ex-partner."), crisis=True),
            FieldSpec("practical", N_("Practical things to sort out"),
                      N_("For example: children, pets, home, bills or work."),
                      detail_label=N_("Who or what will take care of it"), crisis=True),
        ),
    ),
    SectionSpec(
        "back_on_track", N_("Getting back on track"),
        N_("What helps me recover after a hard time."),
        fields=(
            FieldSpec("recover_helps", N_("What helps me recover after a hard time"),
                      N_("For example: easing back into work a few hours a week.")),
            FieldSpec("look_again", N_("What to look at again afterwards"),
                      N_("For example: my early warning signs, and whether they were right.")),
        ),
    ),
    SectionSpec(
        "my_people", N_("My people"),
        N_("The people and services I can turn to, and how to reach them."),
        kind=SectionKind.CONTACTS,
    ),
    SectionSpec(
        "appointments", N_("My appointments"),
        N_("Things I want to talk about next time, so I don't forget."),
        kind=SectionKind.APPOINTMENTS,
    ),
    SectionSpec(
        "checkins", N_("Check-ins"),
        N_("A quick check-in with myself whenever I like, and a look at how I am doing over time."),
        kind=SectionKind.CHECKINS,
    ),
    SectionSpec(
        "reviews", N_("Reviews"),
        N_("Each time I look at my plan again, and how far I have come."),
        kind=SectionKind.REVIEWS,
    ),
)

SECTIONS_BY_KEY: dict[str, SectionSpec] = {s.key: s for s in SECTIONS}

#: (section, field) pairs that free-text entries may use.
ENTRY_FIELDS: frozenset[tuple[str, str]] = frozenset(
    (s.key, f.key) for s in SECTIONS for f in s.fields)


def section(key: str) -> SectionSpec:
    return SECTIONS_BY_KEY[key]


# Check-in questions, in the app's own words (0 = not at all, 10 = very).
CHECKIN_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("hope", N_("How hopeful do I feel about my future?")),
    ("control", N_("How much do I feel in control of my life?")),
    ("beyond", N_("How much am I doing things that matter to me, beyond my illness?")),
)
