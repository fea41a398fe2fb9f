"""Deterministic generator of Cakupan's sample data.

Writes, into one folder:

- reference tables: ``associations.csv``, ``provinces.csv``, ``segments.csv``, ``targets.csv``;
- ``labour_force.csv``: the employed population (BPS Sakernas, published rounds), the coverage denominator;
- ``national_participation.csv``: the national BPJS Ketenagakerjaan series, January 2019 to October
  2023, pinned to the published figures listed in ``sample_data/README.md`` and interpolated (with seasonality)
  between them;
- ``enrollment.csv`` (or ``enrollment.parquet``): the monthly snapshots, one row per
  month x association x segment x province, where ``active = previous active + new - lapsed`` holds
  exactly for every row whose previous month exists.

Every association-level number is invented (illustrative); only the national series follows
published figures. See ``README.md`` in this folder for the data dictionary and the sources.

Usage::

    python sample_data/generate.py                      # rewrite the committed files (scale 1)
    python sample_data/generate.py --out /tmp/big --scale 200 --format parquet

``--scale N`` adds ``6 * (N - 1)`` synthetic associations (``ASSOC0001`` ...) that work in all 38
provinces and all four segments; scale 200 gives about 10.5 million enrollment rows. The eleven real
associations come out identical at every scale, because each part of the data draws from its own
random stream.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

SEED = 20231204  # the PKS signing date; any fixed number would do
HERE = Path(__file__).resolve().parent
MONTHS = pd.period_range("2019-01", "2023-10", freq="M").strftime("%Y-%m").tolist()
N_MONTHS = len(MONTHS)
LAST = N_MONTHS - 1
TARGET_DATE = "2026-12-31"
PKS_SIGNED_ON = "2023-12-04"  # approximate: Kadin Rakernas press coverage, early December 2023
SYNTHETIC_PER_SCALE = 6  # 6 x 199 synthetic associations x 152 cells x 58 months ~ 10.5 M rows
SYNTHETIC_CHUNK = 100  # associations simulated and written at a time, to bound memory


def month_index(month: str) -> int:
    """Position of a ``YYYY-MM`` month in the series (0 = 2019-01); may fall outside it."""
    year, mon = map(int, month.split("-"))
    return (year - 2019) * 12 + mon - 1


# --------------------------------------------------------------------------------------------------
# Reference tables
# --------------------------------------------------------------------------------------------------

SEGMENTS = [
    # segment, sector, label_id, label_en
    ("PU", "formal", "Penerima Upah (PU)", "Wage earners (PU)"),
    ("BPU", "informal", "Bukan Penerima Upah (BPU)", "Non-wage earners (BPU)"),
    ("JAKON", "construction", "Jasa Konstruksi (JAKON)", "Construction workers (JAKON)"),
    ("PMI", "migrant", "Pekerja Migran Indonesia (PMI)", "Indonesian migrant workers (PMI)"),
]
SEGMENT_CODES = [s[0] for s in SEGMENTS]

# Active participants by province and segment, December 2023 (Satu Data Kemnaker dataset 1726, as
# tabulated with sources in sample_data/README.md), in the 34-province coding: code, name, PU, BPU, JAKON.
PROVINCES_2023 = [
    ("11", "Aceh", 299_722, 86_668, 197_248),
    ("12", "Sumatera Utara", 993_741, 509_632, 553_873),
    ("13", "Sumatera Barat", 268_627, 224_154, 217_693),
    ("14", "Riau", 629_625, 249_836, 228_813),
    ("15", "Jambi", 258_625, 211_170, 188_243),
    ("16", "Sumatera Selatan", 505_436, 162_975, 246_731),
    ("17", "Bengkulu", 106_610, 80_582, 25_074),
    ("18", "Lampung", 354_603, 99_250, 125_036),
    ("19", "Kepulauan Bangka Belitung", 107_638, 92_905, 16_142),
    ("21", "Kepulauan Riau", 395_671, 121_013, 97_921),
    ("31", "DKI Jakarta", 5_464_264, 1_262_299, 771_969),
    ("32", "Jawa Barat", 3_294_363, 930_495, 630_263),
    ("33", "Jawa Tengah", 2_627_836, 616_307, 703_279),
    ("34", "DI Yogyakarta", 365_866, 116_047, 76_768),
    ("35", "Jawa Timur", 2_833_752, 968_515, 780_979),
    ("36", "Banten", 1_557_500, 716_862, 357_239),
    ("51", "Bali", 563_988, 310_591, 152_655),
    ("52", "Nusa Tenggara Barat", 235_813, 189_208, 145_370),
    ("53", "Nusa Tenggara Timur", 161_634, 139_401, 63_835),
    ("61", "Kalimantan Barat", 415_990, 152_031, 161_249),
    ("62", "Kalimantan Tengah", 384_256, 114_074, 187_693),
    ("63", "Kalimantan Selatan", 353_413, 172_888, 108_561),
    ("64", "Kalimantan Timur", 689_877, 315_162, 318_194),
    ("65", "Kalimantan Utara", 107_738, 87_033, 51_177),
    ("71", "Sulawesi Utara", 304_574, 231_805, 42_231),
    ("72", "Sulawesi Tengah", 308_233, 148_069, 109_569),
    ("73", "Sulawesi Selatan", 565_362, 223_215, 214_505),
    ("74", "Sulawesi Tenggara", 154_663, 111_172, 57_235),
    ("75", "Gorontalo", 97_009, 102_706, 58_358),
    ("76", "Sulawesi Barat", 76_732, 42_104, 57_547),
    ("81", "Maluku", 92_695, 73_132, 39_470),
    ("82", "Maluku Utara", 153_176, 47_828, 41_785),
    ("91", "Papua Barat", 109_208, 181_876, 107_855),
    ("94", "Papua", 166_143, 101_750, 229_240),
]

# The 2022 Papua split: the published table still has 34 provinces, so the two old Papua rows are
# shared among the 6 current provinces. The shares are illustrative, tilted towards the formal-job
# centres (Jayapura; Mimika in Papua Tengah; Merauke in Papua Selatan; Sorong in Papua Barat Daya;
# Manokwari and Teluk Bintuni in Papua Barat).
PAPUA_SPLIT = {
    "91": [("91", "Papua Barat", 0.55), ("92", "Papua Barat Daya", 0.45)],
    "94": [
        ("94", "Papua", 0.45),
        ("95", "Papua Selatan", 0.15),
        ("96", "Papua Tengah", 0.30),
        ("97", "Papua Pegunungan", 0.10),
    ],
}

# Where migrant workers come from (illustrative weights after the main BP2MI sending provinces);
# the published province table folds PMI into the other segments.
PMI_ORIGIN_WEIGHTS = {
    "35": 30, "33": 22, "32": 18, "52": 14, "18": 5, "53": 4, "12": 3, "36": 2, "51": 2,
}


def province_table() -> pd.DataFrame:
    """The 38 provinces with Dec 2023 active participants per segment (Papua rows split)."""
    rows = []
    for code, name, pu, bpu, jakon in PROVINCES_2023:
        for new_code, new_name, share in PAPUA_SPLIT.get(code, [(code, name, 1.0)]):
            rows.append((new_code, new_name, pu * share, bpu * share, jakon * share))
    table = pd.DataFrame(rows, columns=["province_code", "name", "PU", "BPU", "JAKON"])
    table["PMI"] = table["province_code"].map(PMI_ORIGIN_WEIGHTS).fillna(0.0)
    return table.sort_values("province_code", ignore_index=True)


def all_provinces_except(*codes: str) -> list[str]:
    """Province codes of the 38-province table minus the given ones."""
    return [p for p in province_table()["province_code"] if p not in codes]


@dataclass(frozen=True)
class Association:
    """One association's identity and the story its generated numbers tell (all illustrative)."""

    code: str
    name: str
    industry_id: str
    industry_en: str
    active_2023_10: int  # expected active participants in the last month, before noise
    segment_mix: dict[str, float]  # share of active per segment in the last month
    provinces: list[str]  # BPS codes where the ecosystem works
    target_2026: int  # illustrative 2026-12-31 target
    g_pre: float  # annual log growth before COVID
    covid_depth: float  # fraction lost at the COVID trough (March 2021)
    covid_recovery: float  # share of that loss won back by December 2022
    g_post: float  # annual log growth from March 2020 on
    coverage: float  # active / eligible workers in the last month
    concentration: float = 1.0  # >1 concentrates activity further in the big provinces
    hotspots: dict[str, float] = field(default_factory=dict)  # province -> weight multiplier
    expansion_share: float = 0.0  # share of (smallest) cells that only start during the series


# Sizes follow the published orders of magnitude (sample_data/README.md); stories differ on purpose: fast growers on track
# for their target (APKLINDO, IFICA, ASPEKTI, APTISI), steady ones at risk (ABUJAPI, AKTI, AKIDA,
# ASPPHAMI), and flat or shrinking ones far behind (ABADI, APSyFI, ASPEPPI).
JAVA_PLUS = ["31", "32", "33", "34", "35", "36"]
ASSOCIATIONS = [
    Association(
        "ASPEKTI", "Asosiasi Perusahaan Konsultan Telematika Indonesia",
        "Konsultan telematika", "Telematics consultants",
        6_000, {"PU": 0.78, "BPU": 0.22}, JAVA_PLUS + ["51", "12", "73"], 7_500,
        g_pre=0.10, covid_depth=0.05, covid_recovery=1.0, g_post=0.18, coverage=0.40,
        concentration=1.3, expansion_share=0.3,
    ),
    Association(
        "AKIDA", "Asosiasi Kimia Dasar Anorganik Indonesia",
        "Industri kimia dasar anorganik", "Basic inorganic chemicals",
        11_000, {"PU": 0.96, "JAKON": 0.04},
        ["31", "32", "33", "35", "36", "12", "14", "16", "18", "64", "73"], 12_000,
        g_pre=0.01, covid_depth=0.08, covid_recovery=0.7, g_post=0.01, coverage=0.75,
        hotspots={"35": 3.0, "36": 2.0, "64": 2.0},  # Gresik, Cilegon, Bontang
    ),
    Association(
        "ABADI", "Asosiasi Bisnis Alih Daya Indonesia",
        "Alih daya (outsourcing) dan penyedia tenaga kerja", "Outsourcing and labour supply",
        230_000, {"PU": 0.86, "BPU": 0.10, "PMI": 0.04},
        all_provinces_except("65", "92", "95", "96", "97"),
        400_000,
        g_pre=0.03, covid_depth=0.15, covid_recovery=0.6, g_post=-0.01, coverage=0.46,
    ),
    Association(
        "APSyFI", "Asosiasi Produsen Synthetic Fiber Indonesia",
        "Produsen serat sintetis dan benang filamen", "Synthetic fibre and filament yarn producers",
        24_000, {"PU": 0.97, "BPU": 0.03}, ["31", "32", "33", "34", "35", "36", "12", "14"], 35_000,
        g_pre=0.00, covid_depth=0.10, covid_recovery=0.3, g_post=-0.06, coverage=0.70,
        # Purwakarta/Karawang, Serang, Pangkalan Kerinci
        hotspots={"32": 3.0, "36": 2.0, "14": 2.0},
    ),
    Association(
        "ABUJAPI", "Asosiasi Badan Usaha Jasa Pengamanan Indonesia",
        "Jasa pengamanan (satpam)", "Security-guard services",
        385_000, {"PU": 0.88, "BPU": 0.12},
        all_provinces_except("95", "97"), 500_000,
        g_pre=0.06, covid_depth=0.12, covid_recovery=0.9, g_post=0.07, coverage=0.47,
        expansion_share=0.1,
    ),
    Association(
        "AKTI", "Asosiasi Kontraktor Terintegrasi Indonesia",
        "Kontraktor terintegrasi (konstruksi)", "Integrated contractors (construction)",
        95_000, {"JAKON": 0.72, "PU": 0.26, "BPU": 0.02},
        JAVA_PLUS + ["11", "12", "13", "14", "16", "18", "21", "51", "52", "61", "63", "64", "65",
                     "71", "72", "73", "81", "91", "94"],
        110_000,
        g_pre=0.08, covid_depth=0.25, covid_recovery=0.8, g_post=0.06, coverage=0.35,
        hotspots={"64": 2.5},  # the new capital (IKN) in Kalimantan Timur
    ),
    Association(
        "APKLINDO", "Asosiasi Perusahaan Klining Servis Indonesia",
        "Jasa kebersihan (cleaning service)", "Cleaning services",
        290_000, {"PU": 0.84, "BPU": 0.16},
        all_provinces_except("75", "76", "81", "82", "92", "95", "96", "97"),
        375_000,
        g_pre=0.05, covid_depth=0.18, covid_recovery=1.0, g_post=0.14, coverage=0.20,
        expansion_share=0.2,
    ),
    Association(
        "APTISI", "Asosiasi Pengusaha Teknologi Identifikasi Indonesia",
        "Teknologi identifikasi", "Identification technology",
        4_500, {"PU": 0.90, "BPU": 0.10}, ["31", "32", "33", "35", "36", "12"], 6_000,
        g_pre=0.08, covid_depth=0.06, covid_recovery=1.0, g_post=0.15, coverage=0.50,
        concentration=1.5, expansion_share=0.25,
    ),
    Association(
        "ASPEPPI", "Asosiasi Pengusaha Penyedia Perkakas Indonesia",
        "Penyedia perkakas", "Tool suppliers",
        9_000, {"PU": 0.72, "BPU": 0.28},
        ["31", "32", "33", "35", "36", "12", "14", "16", "51", "64", "73"], 16_000,
        g_pre=0.02, covid_depth=0.12, covid_recovery=0.8, g_post=0.00, coverage=0.30,
    ),
    Association(
        "IFICA", "Indonesian Foreign Investment Companies Association",
        "Perusahaan penanaman modal asing (PMA)", "Foreign-invested companies",
        170_000, {"PU": 0.95, "JAKON": 0.05},
        JAVA_PLUS + ["12", "14", "16", "18", "21", "51", "61", "62", "63", "64", "72", "73", "82",
                     "91", "96"],
        215_000,
        g_pre=0.05, covid_depth=0.08, covid_recovery=1.0, g_post=0.09, coverage=0.60,
        hotspots={"21": 2.5, "72": 3.0, "82": 3.0, "96": 2.0},  # Batam, Morowali, Weda Bay, Mimika
        expansion_share=0.2,
    ),
    Association(
        "ASPPHAMI", "Asosiasi Perusahaan Pengendalian Hama Indonesia",
        "Pengendalian hama dan fumigasi", "Pest control and fumigation",
        7_000, {"PU": 0.68, "BPU": 0.32},
        JAVA_PLUS + ["12", "14", "21", "51", "64", "73"], 10_000,
        g_pre=0.04, covid_depth=0.15, covid_recovery=0.9, g_post=0.05, coverage=0.45,
    ),
]


def association_rows(associations: list[Association]) -> pd.DataFrame:
    """One row per association: code, name, industries and 2026 target."""
    return pd.DataFrame(
        {
            "association_code": [a.code for a in associations],
            "name": [a.name for a in associations],
            "industry_id": [a.industry_id for a in associations],
            "industry_en": [a.industry_en for a in associations],
            "target_2026": [a.target_2026 for a in associations],
        }
    )


def associations_table(rows: pd.DataFrame) -> pd.DataFrame:
    """associations.csv: code, names and the PKS date."""
    table = rows[["association_code", "name", "industry_id", "industry_en"]].copy()
    table["pks_signed_on"] = PKS_SIGNED_ON
    return table


def targets_table(rows: pd.DataFrame) -> pd.DataFrame:
    """targets.csv: the published national target, then one illustrative target per association."""
    national = pd.DataFrame(
        {
            "scope": ["national"],
            "target_date": TARGET_DATE,
            "target_participants": [70_000_000],
            "source": "jpnn 26 Oct 2022; IDN Times Apr 2023",
        }
    )
    own = pd.DataFrame(
        {
            "scope": rows["association_code"],
            "target_date": TARGET_DATE,
            "target_participants": rows["target_2026"],
            "source": "illustrative (generated)",
        }
    )
    return pd.concat([national, own], ignore_index=True)


def segments_table() -> pd.DataFrame:
    """segments.csv: segment code, sector (formal/informal/...) and labels in both languages."""
    return pd.DataFrame(SEGMENTS, columns=["segment", "sector", "label_id", "label_en"])


# --------------------------------------------------------------------------------------------------
# National series
# --------------------------------------------------------------------------------------------------

SRC_DPR = "liputan6/tribunnews (DPR hearing Sep 2021)"
SRC_SDK = "Satu Data Kemnaker via intime.id"
# Published totals of active participants; Dec 2018 only anchors the start of the interpolation.
NATIONAL_TOTALS = [
    ("2018-12", 30_460_000, SRC_DPR),
    ("2019-12", 34_170_000, SRC_DPR),
    ("2020-12", 29_980_000, SRC_DPR),
    ("2021-03", 27_790_000, SRC_DPR),
    ("2021-06", 28_700_000, SRC_DPR),
    ("2021-08", 29_200_000, SRC_DPR),
    ("2021-12", 30_660_000, SRC_SDK),
    ("2022-09", 35_600_000, "jpnn 26 Oct 2022"),
    ("2022-12", 35_860_000, SRC_SDK),
    ("2023-02", 35_300_000, "IDN Times Apr 2023"),
    ("2023-10", 40_200_000, "seed article: IDN Times/jpnn/Kompas 5 Dec 2023"),
    ("2023-12", 41_560_938, "Satu Data Kemnaker 1726"),
]

# Month-of-year factors: a year-end peak and a first-quarter drop (facts.md "Dynamics": annual
# payers, contracts ending, layoffs early in the year). Shape is illustrative.
SEASONAL_PCT = np.array([-0.8, -1.6, -2.2, -1.9, -1.5, -1.1, -0.7, -0.3, 0.0, 0.4, 0.9, 1.6])

# Segment shares of the national total: published where a source gives the split, otherwise an
# illustrative extrapolation; JAKON takes the remainder. Linear interpolation in between.
SRC_ANTARA = "Antara 2613245"
SRC_PMI = "PMI level: Kontan/Antara Jateng"
SHARE_ANCHORS = {
    "PU": [
        ("2019-01", 0.635, None),
        ("2019-12", 0.630, None),
        ("2020-11", 19_447_746 / 31_018_686, SRC_ANTARA),
        ("2021-11", 20_408_998 / 32_036_360, SRC_ANTARA),
        ("2023-02", 22.58 / 35.3, "IDN Times Apr 2023"),
        ("2023-12", 25_004_383 / 41_560_938, "Satu Data Kemnaker 1726"),
    ],
    "BPU": [
        ("2019-01", 0.055, None),
        ("2019-12", 0.060, None),
        ("2020-11", 2_247_125 / 31_018_686, SRC_ANTARA),
        ("2021-11", 3_270_555 / 32_036_360, SRC_ANTARA),
        ("2023-02", 6.1 / 35.3, "IDN Times Apr 2023"),
        ("2023-12", 9_192_755 / 41_560_938, "Satu Data Kemnaker 1726"),
    ],
    # PMI levels per year (Kontan; Antara Jateng): 539k (2019), 389k (2020), 235,657 (2021),
    # +41% in 2022, +42% in 2023.
    "PMI": [
        ("2019-01", 0.0170, None),
        ("2019-12", 539_000 / 34_170_000, SRC_PMI),
        ("2020-11", 424_247 / 31_018_686, SRC_ANTARA),
        ("2020-12", 389_000 / 29_980_000, SRC_PMI),
        ("2021-11", 247_540 / 32_036_360, SRC_ANTARA),
        ("2021-12", 235_657 / 30_660_000, SRC_PMI),
        ("2022-12", 235_657 * 1.41 / 35_860_000, SRC_PMI + " (+41%)"),
        ("2023-12", 235_657 * 1.41 * 1.42 / 41_560_938, None),
    ],
    # JAKON is the remainder; it equals the published share where the other three are all published
    "JAKON": [("2020-11", None, SRC_ANTARA), ("2021-11", None, SRC_ANTARA)],
}


def seasonal_factor(months: np.ndarray) -> np.ndarray:
    """Multiplicative month-of-year factor for month indices (0 = January 2019)."""
    return 1.0 + SEASONAL_PCT[np.mod(months, 12)] / 100.0


def national_totals() -> np.ndarray:
    """Monthly national active total: exact at published months, seasonal interpolation between."""
    anchor_t = np.array([month_index(m) for m, _, _ in NATIONAL_TOTALS])
    anchor_v = np.array([v for _, v, _ in NATIONAL_TOTALS], dtype=float)
    t = np.arange(N_MONTHS)
    # interpolate the deseasonalised log level, then put the season back: anchors stay exact
    deseasonalised = np.log(anchor_v / seasonal_factor(anchor_t))
    totals = np.exp(np.interp(t, anchor_t, deseasonalised)) * seasonal_factor(t)
    return np.rint(totals).astype(np.int64)


def segment_shares() -> dict[str, np.ndarray]:
    """Monthly share of the national total per segment; JAKON is the remainder."""
    t = np.arange(N_MONTHS)
    shares = {}
    for segment in ("PU", "BPU", "PMI"):
        anchors = SHARE_ANCHORS[segment]
        anchor_t = [month_index(m) for m, _, _ in anchors]
        shares[segment] = np.interp(t, anchor_t, [s for _, s, _ in anchors])
    shares["JAKON"] = 1.0 - shares["PU"] - shares["BPU"] - shares["PMI"]
    return shares


def national_source(segment: str, month: str) -> str:
    """The ``source`` text of one row: the citation where the month is published, else a label."""
    total = {m: src for m, _, src in NATIONAL_TOTALS}.get(month)
    split = {m: src for m, _, src in SHARE_ANCHORS.get(segment, []) if src}.get(month)
    if total is None and split is None:
        return "interpolated (illustrative)"
    label = pd.Period(month, "M").strftime("%b %Y")
    total_text = f"total: {total} ({label})" if total else "total interpolated (illustrative)"
    if split is None:
        split_text = "segment split derived (illustrative)"
    elif split.startswith("PMI level"):
        split_text = split
    else:
        split_text = f"{segment} share: {split}"
    return f"{total_text}; {split_text}"


# BPS Sakernas: people working (employed population, aged 15+), as published for each survey round; the national
# coverage denominator. Rounds and sources as in sample_data/README.md; no round is invented or interpolated here.
LABOUR_FORCE = [
    ("2021-08", 131_050_000, "BPS Sakernas Agustus 2021 (katadata)"),
    ("2022-02", 135_610_000, "BPS Sakernas Februari 2022 (opsi.id)"),
    ("2022-08", 135_300_000, "BPS Sakernas Agustus 2022 (disnaker Kebumen)"),
    ("2023-02", 138_630_000, "BPS Sakernas Februari 2023 (sindonews; voi)"),
    ("2023-08", 139_850_000, "BPS Sakernas Agustus 2023 (BPS BRS 77/11/Th.XXVI; bloombergtechnoz)"),
]


def labour_force_table() -> pd.DataFrame:
    """labour_force.csv: one row per published Sakernas round."""
    return pd.DataFrame(LABOUR_FORCE, columns=["survey_month", "employed_persons", "source"])


def national_table() -> pd.DataFrame:
    """national_participation.csv: month x segment, integers that add up to the monthly total."""
    totals = national_totals()
    shares = segment_shares()
    counts = {s: np.rint(totals * shares[s]).astype(np.int64) for s in ("PU", "BPU", "PMI")}
    counts["JAKON"] = totals - counts["PU"] - counts["BPU"] - counts["PMI"]  # exact total
    frames = [
        pd.DataFrame(
            {
                "snapshot_month": MONTHS,
                "segment": segment,
                "active_participants": counts[segment],
                "source": [national_source(segment, m) for m in MONTHS],
            }
        )
        for segment in SEGMENT_CODES
    ]
    # frames come in segment order; a stable sort by month keeps that order within each month
    return pd.concat(frames).sort_values("snapshot_month", kind="stable", ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Enrollment simulation (vectorised over cells x months)
# --------------------------------------------------------------------------------------------------

def knots(*months: str) -> list[int]:
    """Month indices of ``YYYY-MM`` knots, for np.interp."""
    return [month_index(m) for m in months]


# The COVID shock: the fall from February 2020 to the March 2021 trough (the national low in
# facts.md), then the recovery until December 2022 (``covid_recovery`` says how much comes back).
TROUGH = month_index("2021-03")
COVID_DOWN = (knots("2020-02", "2020-07", "2021-03"), [0.0, 0.8, 1.0])
COVID_UP = (knots("2021-03", "2021-09", "2022-12"), [0.0, 0.2, 1.0])
PANDEMIC_START = month_index("2020-03")  # pre-COVID growth stops, post-COVID growth begins
LAYOFF_WAVE = (knots("2020-03", "2020-05", "2020-09", "2021-01"), [0.0, 1.0, 1.0, 0.0])

# Per segment: monthly lapse rate (BPU pays irregularly; JAKON ends with each project), seasonal
# amplitude and the AR(1) noise of a cell.
LAPSE_RATE = np.array([0.022, 0.10, 0.12, 0.05])
SEASON_AMPLITUDE = np.array([1.0, 1.5, 2.0, 0.5])
CELL_NOISE = np.array([0.015, 0.04, 0.05, 0.04])
ECOSYSTEM_TRACKING = 0.4  # eligible workers move with 40% of the participation trend


@dataclass
class Cells:
    """One row per (association, segment, province) cell, with that cell's parameters."""

    association: np.ndarray  # index into the association list of the chunk
    segment: np.ndarray  # index into SEGMENT_CODES
    province: np.ndarray  # index into the province table
    base: np.ndarray  # expected active participants in the last month
    start: np.ndarray  # first month index with a row
    coverage: np.ndarray  # active / eligible in the last month
    g_pre: np.ndarray
    covid_depth: np.ndarray
    covid_recovery: np.ndarray
    g_post: np.ndarray


STORY_FIELDS = ("g_pre", "covid_depth", "covid_recovery", "g_post")


def covid_dip(recovery: np.ndarray) -> np.ndarray:
    """Share of the COVID loss in force each month (cells x months), 1 at the trough."""
    t = np.arange(N_MONTHS)
    down = np.interp(t, *COVID_DOWN)
    up = np.interp(t, *COVID_UP)
    return np.where(t <= TROUGH, down, 1.0 - recovery[:, None] * up)


def segment_shift(segment: np.ndarray) -> np.ndarray:
    """Log-level shift per segment over time (cells x months): COVID moved workers PU -> BPU,
    hit construction harder, and halved migrant work until borders reopened."""
    t = np.arange(N_MONTHS)
    years = t / 12.0
    shift = np.zeros((4, N_MONTHS))
    shift[1] = 0.20 * np.interp(t, knots("2020-04", "2021-11"), [0.0, 1.0]) + 0.03 * years
    construction = knots("2020-02", "2020-07", "2021-03", "2022-12")
    shift[2] = -0.10 * np.interp(t, construction, [0.0, 0.8, 1.0, 0.0])
    # national PMI: 539k (2019) -> 389k (2020) -> 236k (2021) -> +41% -> +42%; log(539/236) = 0.83
    migrants = knots("2020-02", "2020-12", "2021-12", "2023-10")
    shift[3] = -0.83 * np.interp(t, migrants, [0.0, 0.39, 1.0, 0.2])
    return shift[segment]


def ar1_noise(rng: np.random.Generator, n: int, sigma: np.ndarray, phi: float = 0.85) -> np.ndarray:
    """Stationary AR(1) noise (n x months); a loop over 58 months, vectorised over rows."""
    shocks = rng.standard_normal((n, N_MONTHS)) * sigma[:, None]
    noise = np.empty_like(shocks)
    noise[:, 0] = shocks[:, 0] / np.sqrt(1 - phi**2)
    for t in range(1, N_MONTHS):
        noise[:, t] = phi * noise[:, t - 1] + shocks[:, t]
    return noise


def deterministic_log_path(cells: Cells) -> np.ndarray:
    """Trend + COVID dip + segment shift + season, in log (cells x months)."""
    t = np.arange(N_MONTHS)
    before = np.minimum(t, PANDEMIC_START) / 12.0
    after = np.maximum(t - PANDEMIC_START, 0) / 12.0
    trend = cells.g_pre[:, None] * before + cells.g_post[:, None] * after
    covid = np.log1p(-cells.covid_depth[:, None] * covid_dip(cells.covid_recovery))
    season = SEASON_AMPLITUDE[cells.segment][:, None] * np.log(seasonal_factor(t))[None, :]
    return trend + covid + segment_shift(cells.segment) + season


def simulate_active(rng: np.random.Generator, cells: Cells, n_associations: int) -> np.ndarray:
    """Active participants (cells x months), equal in expectation to ``base`` in the last month."""
    path = deterministic_log_path(cells)
    path -= path[:, [LAST]]
    shared = ar1_noise(rng, n_associations, np.full(n_associations, 0.006))[cells.association]
    # small cells are relatively noisier, as real counts are
    sigma = CELL_NOISE[cells.segment] * np.minimum(3.0, 1.0 + 10.0 / np.sqrt(cells.base + 1.0))
    level = cells.base[:, None] * np.exp(path + shared + ar1_noise(rng, len(cells.base), sigma))
    # a cell opened during the series builds up over a year instead of appearing at full size
    ramp = np.clip((np.arange(N_MONTHS)[None, :] - cells.start[:, None] + 1) / 12.0, 0.0, 1.0)
    ramp[cells.start == 0] = 1.0  # cells there from the start are already at full size
    return np.rint(level * ramp).astype(np.int64)


def simulate_flows(rng: np.random.Generator, cells: Cells, active: np.ndarray):
    """New and lapsed per cell-month such that active = previous + new - lapsed exactly."""
    t = np.arange(N_MONTHS)
    previous = np.concatenate([active[:, :1], active[:, :-1]], axis=1)
    previous[t[None, :] == cells.start[:, None]] = 0
    # the very first month has no predecessor in the file: assume no net change into it
    previous[:, 0] = np.where(cells.start == 0, active[:, 0], 0)
    wave = 1.0 + 0.8 * np.interp(t, *LAYOFF_WAVE)
    q1 = 1.0 + 0.25 * (np.mod(t, 12) < 3)
    rate = LAPSE_RATE[cells.segment][:, None] * wave * q1
    rate = rate * np.exp(0.25 * rng.standard_normal(active.shape))
    lapsed = np.minimum(np.rint(previous * rate).astype(np.int64), previous)
    new = active - previous + lapsed
    # a fall larger than the drawn lapses: nobody new, and lapses cover the whole fall
    lapsed = np.where(new < 0, previous - active, lapsed)
    new = np.maximum(new, 0)
    return new, lapsed


def simulate_eligible(cells: Cells, active: np.ndarray) -> np.ndarray:
    """Eligible workers: the ecosystem size, which moves slowly, and never below active."""
    path = deterministic_log_path(cells)
    path -= path[:, [LAST]]
    eligible = cells.base[:, None] / cells.coverage[:, None] * np.exp(ECOSYSTEM_TRACKING * path)
    return np.maximum(np.rint(eligible).astype(np.int64), active)


# --------------------------------------------------------------------------------------------------
# Cells of the real associations and of synthetic ones
# --------------------------------------------------------------------------------------------------


def province_weights(provinces: pd.DataFrame) -> np.ndarray:
    """National Dec 2023 active per segment and province, as shares (4 x 38)."""
    weights = provinces[SEGMENT_CODES].to_numpy(dtype=float).T
    return weights / weights.sum(axis=1, keepdims=True)


def real_cells(rng: np.random.Generator, provinces: pd.DataFrame) -> Cells:
    """Cells of the 11 PKS associations, in association, segment, province order."""
    weights = province_weights(provinces)
    codes = provinces["province_code"].tolist()
    parts = []
    for a_index, assoc in enumerate(sorted(ASSOCIATIONS, key=lambda a: a.code)):
        for s_index, segment in enumerate(SEGMENT_CODES):
            if segment not in assoc.segment_mix:
                continue
            share = assoc.segment_mix[segment]
            p_index = np.array([codes.index(p) for p in sorted(assoc.provinces)])
            w = weights[s_index, p_index] ** assoc.concentration
            w = w * np.array([assoc.hotspots.get(codes[p], 1.0) for p in p_index])
            w = w * np.exp(0.3 * rng.standard_normal(len(p_index)))
            keep = w > 0  # PMI only where migrants come from
            p_index, w = p_index[keep], w[keep] / w[keep].sum()
            base = assoc.active_2023_10 * share * w
            start = expansion_starts(rng, base, assoc.expansion_share)
            n = len(p_index)
            parts.append(
                dict(
                    association=np.full(n, a_index), segment=np.full(n, s_index),
                    province=p_index, base=base, start=start,
                    coverage=jitter_coverage(rng, np.full(n, assoc.coverage)),
                    **{k: np.full(n, getattr(assoc, k)) for k in STORY_FIELDS},
                )
            )
    return Cells(**{k: np.concatenate([p[k] for p in parts]) for k in parts[0]})


def jitter_coverage(rng: np.random.Generator, coverage: np.ndarray) -> np.ndarray:
    """Per-cell coverage around the association's, kept below 90% so eligible > active."""
    return np.clip(coverage * np.exp(0.15 * rng.standard_normal(len(coverage))), 0.05, 0.9)


def expansion_starts(rng: np.random.Generator, base: np.ndarray, share: float) -> np.ndarray:
    """First month of each cell: the smallest ``share`` of cells open between mid-2020 and 2023."""
    start = np.zeros(len(base), dtype=np.int64)
    n_late = int(round(share * len(base)))
    if n_late:
        smallest = np.argsort(base, kind="stable")[:n_late]
        start[smallest] = rng.integers(month_index("2020-06"), month_index("2023-04"), n_late)
    return start


@dataclass(frozen=True)
class SyntheticParams:
    """Parameters drawn for one chunk of synthetic associations (arrays of length n)."""

    codes: list[str]
    size: np.ndarray
    mix: np.ndarray  # n x 4
    g_pre: np.ndarray
    covid_depth: np.ndarray
    covid_recovery: np.ndarray
    g_post: np.ndarray
    coverage: np.ndarray
    ambition: np.ndarray  # target / expected 2026 level


def draw_synthetic(rng: np.random.Generator, first_number: int, n: int) -> SyntheticParams:
    """Random but plausible association parameters for benchmarks."""
    return SyntheticParams(
        codes=[f"ASSOC{i:04d}" for i in range(first_number, first_number + n)],
        size=np.clip(np.exp(rng.normal(np.log(15_000), 1.2, n)), 300, 600_000),
        mix=rng.dirichlet([6.0, 2.0, 1.5, 0.3], n),
        g_pre=rng.uniform(-0.02, 0.10, n),
        covid_depth=rng.uniform(0.0, 0.25, n),
        covid_recovery=rng.uniform(0.3, 1.1, n),
        g_post=rng.uniform(-0.06, 0.18, n),
        coverage=rng.uniform(0.2, 0.8, n),
        ambition=rng.uniform(0.8, 1.6, n),
    )


def synthetic_cells(
    rng: np.random.Generator, params: SyntheticParams, provinces: pd.DataFrame
) -> Cells:
    """All 38 provinces x 4 segments for each synthetic association."""
    n_assoc, n_prov = len(params.codes), len(provinces)
    # migrants come from everywhere a little, so every province has a PMI cell
    weights = province_weights(provinces) + np.array([[0.0], [0.0], [0.0], [0.002]])
    weights /= weights.sum(axis=1, keepdims=True)
    grid = np.meshgrid(np.arange(n_assoc), np.arange(4), np.arange(n_prov), indexing="ij")
    a, s, p = (g.ravel() for g in grid)  # association-major, then segment, then province
    w = weights[s, p] * np.exp(0.5 * rng.standard_normal(len(a)))
    w_sum = np.zeros((n_assoc, 4))
    np.add.at(w_sum, (a, s), w)
    base = params.size[a] * params.mix[a, s] * w / w_sum[a, s]
    return Cells(
        association=a, segment=s, province=p, base=base, start=np.zeros(len(a), dtype=np.int64),
        coverage=jitter_coverage(rng, params.coverage[a]),
        g_pre=params.g_pre[a], covid_depth=params.covid_depth[a],
        covid_recovery=params.covid_recovery[a], g_post=params.g_post[a],
    )


def synthetic_rows(params: SyntheticParams) -> pd.DataFrame:
    """Reference rows (as ``association_rows``) for synthetic associations."""
    horizon = (month_index("2026-12") - LAST) / 12.0
    targets = np.round(params.size * np.exp(params.g_post * horizon) * params.ambition, -2)
    return pd.DataFrame(
        {
            "association_code": params.codes,
            "name": [f"Asosiasi Sintetis {code.removeprefix('ASSOC')}" for code in params.codes],
            "industry_id": "Sintetis (uji beban)",
            "industry_en": "Synthetic (benchmark)",
            "target_2026": np.maximum(targets, 100).astype(np.int64),
        }
    )


# --------------------------------------------------------------------------------------------------
# From simulated arrays to the enrollment table, and writing
# --------------------------------------------------------------------------------------------------

ENROLLMENT_SCHEMA = pa.schema(
    [
        ("snapshot_month", pa.string()),
        ("association_code", pa.string()),
        ("segment", pa.string()),
        ("province_code", pa.string()),
        ("active_participants", pa.int64()),
        ("new_participants", pa.int64()),
        ("lapsed_participants", pa.int64()),
        ("eligible_workers", pa.int64()),
    ]
)


def simulate_chunk(
    rng: np.random.Generator, cells: Cells, codes: list[str], provinces: pd.DataFrame
) -> pa.Table:
    """Simulate cells and lay them out month by month (cells x months -> rows)."""
    active = simulate_active(rng, cells, len(codes))
    new, lapsed = simulate_flows(rng, cells, active)
    eligible = simulate_eligible(cells, active)
    # rows in month-major order; cells are already sorted by association, segment, province
    exists = (np.arange(N_MONTHS)[None, :] >= cells.start[:, None]).T.ravel()
    month = np.repeat(np.arange(N_MONTHS), len(cells.base))[exists]
    cell = np.tile(np.arange(len(cells.base)), N_MONTHS)[exists]

    def labels(values: list[str], index: np.ndarray) -> pa.Array:
        return pc.take(pa.array(values, pa.string()), pa.array(index))

    columns = [
        labels(MONTHS, month),
        labels(codes, cells.association[cell]),
        labels(SEGMENT_CODES, cells.segment[cell]),
        labels(provinces["province_code"].tolist(), cells.province[cell]),
        *(pa.array(values.T.ravel()[exists]) for values in (active, new, lapsed, eligible)),
    ]
    return pa.Table.from_arrays(columns, schema=ENROLLMENT_SCHEMA)


class EnrollmentWriter:
    """Streams enrollment chunks to CSV (no quoting, '\\n' line ends) or Parquet."""

    def __init__(self, path: Path, fmt: str):
        if fmt == "csv":
            self.file = open(path, "wb")
            self.file.write((",".join(ENROLLMENT_SCHEMA.names) + "\n").encode())
            options = pacsv.WriteOptions(include_header=False, quoting_style="none")
            self.writer = pacsv.CSVWriter(self.file, ENROLLMENT_SCHEMA, write_options=options)
        else:
            self.file = None
            self.writer = pq.ParquetWriter(path, ENROLLMENT_SCHEMA, compression="zstd")

    def write(self, table: pa.Table) -> None:
        self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()
        if self.file is not None:
            self.file.close()


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Small tables: UTF-8, comma, header, '\\n' line ends (byte-stable across platforms)."""
    table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def generate(out_dir, scale: int = 1, fmt: str = "csv") -> dict[str, Path]:
    """Write all sample-data files into ``out_dir``; returns {table name: path}."""
    if scale < 1 or fmt not in ("csv", "parquet"):
        raise ValueError("scale must be >= 1 and fmt 'csv' or 'parquet'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    provinces = province_table()
    real = sorted(ASSOCIATIONS, key=lambda a: a.code)
    paths = {"enrollment": out / f"enrollment.{fmt}"}

    writer = EnrollmentWriter(paths["enrollment"], fmt)
    cells = real_cells(np.random.default_rng([SEED, 0]), provinces)
    real_codes = [a.code for a in real]
    writer.write(simulate_chunk(np.random.default_rng([SEED, 1]), cells, real_codes, provinces))
    references = [association_rows(real)]
    n_synthetic = SYNTHETIC_PER_SCALE * (scale - 1)
    for chunk, first in enumerate(range(0, n_synthetic, SYNTHETIC_CHUNK)):
        # each chunk has its own stream, so the real associations are identical at any scale
        rng = np.random.default_rng([SEED, 2, chunk])
        params = draw_synthetic(rng, first + 1, min(SYNTHETIC_CHUNK, n_synthetic - first))
        cells = synthetic_cells(rng, params, provinces)
        writer.write(simulate_chunk(rng, cells, params.codes, provinces))
        references.append(synthetic_rows(params))
    writer.close()

    everyone = pd.concat(references, ignore_index=True)
    paths["associations"] = write_csv(associations_table(everyone), out / "associations.csv")
    paths["provinces"] = write_csv(provinces[["province_code", "name"]], out / "provinces.csv")
    paths["segments"] = write_csv(segments_table(), out / "segments.csv")
    paths["targets"] = write_csv(targets_table(everyone), out / "targets.csv")
    national = national_table()
    paths["national_participation"] = write_csv(national, out / "national_participation.csv")
    paths["labour_force"] = write_csv(labour_force_table(), out / "labour_force.csv")
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument(
        "--scale", type=int, default=1,
        help="1 = the committed sample; N adds 6*(N-1) synthetic associations",
    )
    parser.add_argument(
        "--format", dest="fmt", choices=["csv", "parquet"], default="csv",
        help="format of the enrollment file (reference tables are always CSV)",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    for name, path in generate(args.out, args.scale, args.fmt).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
