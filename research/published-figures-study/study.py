#!/usr/bin/env python3
"""Modelling study: can published LA children's-services indicators, as known at the start of an
Ofsted inspection, predict the judgement per area?  SIF (2013-18) and ILACS (2018-) only.

Reproducible (fixed seeds).  numpy + standard library for every model that is reported as a
candidate; scikit-learn (optional) only for comparison / ceiling estimates.

Run:  python research/published-figures-study/study.py [--quick]   (needs numpy; scikit-learn optional)
Writes: results.json, tables.md, oof_*.csv beside this file (../shared/data is read; CHECKER_SHARED_DATA overrides)
"""
import os
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')   # small matrices: threading only adds overhead
os.environ.setdefault('OMP_NUM_THREADS', '1')
import csv, json, math, sys, time, datetime as dt, re
from collections import defaultdict, Counter
import numpy as np

DATA = os.environ.get('CHECKER_SHARED_DATA', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data'))
OUT = os.path.dirname(os.path.abspath(__file__))
QUICK = '--quick' in sys.argv
SEED = 20240601
N_REPEATS = 2 if QUICK else 5
N_FOLDS = 5
INNER_FOLDS = 4
T0 = time.time()


def log(*a):
    print(f'[{time.time() - T0:7.1f}s]', *a, flush=True)


# ----------------------------------------------------------------------------------------------
# 1. Data
# ----------------------------------------------------------------------------------------------
def parse_indicators_yaml(path):
    """Minimal parser: polarity and unit per indicator (avoids a yaml dependency)."""
    meta, cur, in_ind = {}, None, False
    for line in open(path):
        if line.startswith('indicators:'):
            in_ind = True
            continue
        if not in_ind:
            continue
        m = re.match(r'^  ([a-z0-9_]+):\s*$', line)
        if m:
            cur = m.group(1)
            meta[cur] = {}
            continue
        m = re.match(r'^    (polarity|unit|title):\s*(.*)$', line)
        if m and cur:
            meta[cur][m.group(1)] = m.group(2).strip().strip("'")
    return meta


META = parse_indicators_yaml(f'{DATA}/indicators.yaml')
INDICATORS = sorted(META)
assert len(INDICATORS) == 46, len(INDICATORS)
SIGN = {k: (-1.0 if v['polarity'] == 'higher_is_better' else 1.0) for k, v in META.items()}
POLAR = {k: v['polarity'] for k, v in META.items()}
IS_COUNT = {k: META[k]['unit'].startswith('count') or META[k]['unit'].startswith('FTE') for k in INDICATORS}
WORKFORCE = {k: k.startswith('sw_') for k in INDICATORS}

REGION_CODE = {'North East': '980', 'North West': '981', 'Yorkshire and The Humber': '982',
               'East Midlands': '983', 'West Midlands': '984', 'East of England': '985',
               'Inner London': '987', 'Outer London': '988', 'South East': '989', 'South West': '990'}

# Reorganisations (README): nothing is back-cast.  When a code has no row for a year because it did
# not exist (yet / any more), rates and percentages are taken from the predecessor(s) / successor(s)
# (mean if several).  Counts are never mapped.
PRED = {'838': ['835'], '839': ['836', '837'], '940': ['928'], '941': ['928'], '942': ['909'], '943': ['909']}
SUCC = {'835': ['838'], '836': ['839'], '837': ['839'], '928': ['940', '941'], '909': ['942', '943']}

VAL = {}            # (code, ind, year) -> float (nan if suppressed)
LA_REGION = {}
LA_NAME = {}
LA_BY_YEAR = defaultdict(list)   # (ind, year) -> list of LA values (non-nan)
PERIOD_END = {}     # (ind, year) -> date
for r in csv.DictReader(open(f'{DATA}/la-indicators.csv')):
    y = int(r['year'])
    v = float(r['value']) if r['value'] != '' else float('nan')
    VAL[(r['la_code'], r['indicator'], y)] = v
    PERIOD_END[(r['indicator'], y)] = dt.date.fromisoformat(r['period_end'])
    if r['geographic_level'] == 'local_authority':
        LA_REGION[r['la_code']] = r['region']
        LA_NAME[r['la_code']] = r['la_name']
        if not math.isnan(v):
            LA_BY_YEAR[(r['indicator'], y)].append(v)
LA_SORTED = {k: np.sort(np.array(v)) for k, v in LA_BY_YEAR.items()}
ENG_YEARS = defaultdict(list)
for (code, ind, y), v in VAL.items():
    if code == '970' and not math.isnan(v):
        ENG_YEARS[ind].append(y)
for k in ENG_YEARS:
    ENG_YEARS[k].sort()

SN = defaultdict(dict)   # model -> la -> [neighbours]
for r in csv.DictReader(open(f'{DATA}/statistical-neighbours.csv')):
    if r['neighbour_la_code'] not in ('', '-'):
        SN[r['model']].setdefault(r['la_code'], []).append((int(r['neighbour_rank']), r['neighbour_la_code']))
for m in SN:
    for la in SN[m]:
        SN[m][la] = [c for _, c in sorted(SN[m][la])]
SN2025_AVAILABLE = dt.date(2025, 6, 1)   # May 2025 model: first usable for inspections from June 2025


def la_value(code, ind, y):
    """LA value with reorganisation handling.  Returns nan when missing/suppressed."""
    if (code, ind, y) in VAL:
        return VAL[(code, ind, y)]
    if IS_COUNT[ind]:
        return float('nan')
    for m in (PRED, SUCC):
        if code in m:
            vs = [VAL.get((c, ind, y), float('nan')) for c in m[code]]
            vs = [v for v in vs if not math.isnan(v)]
            if vs:
                return float(np.mean(vs))
    return float('nan')


def pub_date(ind, y):
    """Assumed publication date (publication-lag-aware variant)."""
    if WORKFORCE[ind]:          # 30 Sept snapshot, published the following February
        return dt.date(y + 1, 3, 1)     # usable from 1 March Y+1
    return dt.date(y + 1, 1, 1)         # March-year data published Nov/Dec Y -> usable from 1 Jan Y+1


def ref_year(ind, D, lag):
    """Latest year whose period ends before D (and, if lag, published before D) with an England value."""
    best = None
    for y in ENG_YEARS[ind]:
        if PERIOD_END[(ind, y)] < D and (not lag or pub_date(ind, y) <= D):
            best = y
    return best


def sn_list(la, D):
    m = '2025' if D >= SN2025_AVAILABLE else '2021'
    other = '2021' if m == '2025' else '2025'
    if SN[m].get(la):
        return SN[m][la], m
    return SN[other].get(la, []), other


FEAT_TYPES = ['d_eng', 'd_reg', 'd_sn', 'pct', 'ch1', 'ch3', 'miss']


MODES = ['standard', 'lag', 'hybrid']


def indicator_features(la, ind, D, mode):
    """All features for one LA / indicator / date.  Oriented so that positive = worse (polarity).
    mode 'standard': LA value and comparators for the latest year whose period ends before D.
    mode 'lag':      the same, but only years assumed published before D.
    mode 'hybrid':   LA's own value as in 'standard' (the LA holds its own figures before DfE publishes
                     them), comparators (England, region, neighbours, percentile) from the 'lag' year."""
    y = ref_year(ind, D, mode == 'lag')
    yc = ref_year(ind, D, True) if mode == 'hybrid' else y
    out = dict(year=y, cmp_year=yc, value=np.nan, eng=np.nan, reg=np.nan, sn=np.nan, sn_n=0,
               d_eng=np.nan, d_reg=np.nan, d_sn=np.nan, pct=np.nan, ch1=np.nan, ch3=np.nan, miss=0.0)
    if y is None:
        return out
    s = SIGN[ind]
    v = la_value(la, ind, y)
    out['value'] = v
    if math.isnan(v):
        out['miss'] = 1.0
        return out
    for k, lagy in (('ch1', 1), ('ch3', 3)):
        v0 = la_value(la, ind, y - lagy)
        if not math.isnan(v0):
            if IS_COUNT[ind]:
                if v0 > 0 and v > 0:
                    out[k] = math.log(v / v0)
            else:
                out[k] = s * (v - v0)
    if yc is None:
        return out
    eng = VAL.get(('970', ind, yc), np.nan)
    reg = VAL.get((REGION_CODE.get(LA_REGION.get(la, ''), ''), ind, yc), np.nan)
    nbrs, _ = sn_list(la, D)
    nv = [la_value(c, ind, yc) for c in nbrs]
    nv = [x for x in nv if not math.isnan(x)]
    sn = float(np.mean(nv)) if len(nv) >= 3 else np.nan
    out.update(eng=eng, reg=reg, sn=sn, sn_n=len(nv))
    if IS_COUNT[ind]:
        # counts: only size rank, log-ratio to neighbours, and log changes are meaningful
        if sn and sn > 0 and v > 0:
            out['d_sn'] = math.log(v / sn)
    else:
        out['d_eng'] = s * (v - eng)
        out['d_reg'] = s * (v - reg) if not math.isnan(reg) else np.nan
        out['d_sn'] = s * (v - sn) if not math.isnan(sn) else np.nan
    arr = LA_SORTED.get((ind, yc))
    if arr is not None and len(arr) > 10:
        lo = np.searchsorted(arr, v, 'left')
        hi = np.searchsorted(arr, v, 'right')
        frac_below = (lo + 0.5 * (hi - lo)) / len(arr)     # share of LAs with a lower value
        out['pct'] = (1 - frac_below) if POLAR[ind] == 'higher_is_better' else frac_below
    return out


# ----------------------------------------------------------------------------------------------
# 2. Inspections and labels
# ----------------------------------------------------------------------------------------------
G = {'outstanding': 0, 'good': 1, 'requires_improvement': 2, 'adequate': 2, 'inadequate': 3}
GRADE_NAMES = ['outstanding', 'good', 'RI', 'inadequate']
AREAS = ['leadership', 'help_and_protection', 'children_in_care', 'care_leavers', 'overall']
SIF_LAG_DAYS = 84   # SIF rows have only a publication date: fieldwork start ~ 12 weeks before publication


def g(x):
    return G.get(x, np.nan) if x else np.nan


INS_ALL = list(csv.DictReader(open(f'{DATA}/inspections.csv')))


def prior_grade(la, D):
    """Most recent graded inspection of this LA published before D: its overall grade (SLAC: worse of
    the safeguarding and LAC judgements; 'adequate' = RI)."""
    best = None
    for r in INS_ALL:
        if r['la_code'] != la or not r['published']:
            continue
        p = dt.date.fromisoformat(r['published'])
        if p >= D:
            continue
        if r['overall_effectiveness']:
            gr = g(r['overall_effectiveness'])
        elif r['safeguarding_overall'] or r['lac_overall']:
            gr = np.nanmax([g(r['safeguarding_overall']), g(r['lac_overall'])])
        else:
            continue
        if best is None or p > best[0]:
            best = (p, gr, r['framework'])
    return best


INSP = []
for r in INS_ALL:
    if r['framework'] not in ('sif-2013', 'ilacs'):
        continue
    fw = 'SIF' if r['framework'] == 'sif-2013' else 'ILACS'
    if r['inspection_start']:
        D = dt.date.fromisoformat(r['inspection_start'])
        d_src = 'fieldwork start'
    else:
        D = dt.date.fromisoformat(r['published']) - dt.timedelta(days=SIF_LAG_DAYS)
        d_src = f'published - {SIF_LAG_DAYS} days'
    if fw == 'SIF':
        lab = dict(leadership=g(r['leadership_management_governance']), help_and_protection=g(r['help_and_protection']),
                   children_in_care=g(r['children_looked_after']), care_leavers=g(r['care_leavers']),
                   overall=g(r['overall_effectiveness']))
        cl_proxy = False
    else:
        cl = g(r['care_leavers'])
        cl_proxy = math.isnan(cl)
        lab = dict(leadership=g(r['leaders']), help_and_protection=g(r['help_and_protection']),
                   children_in_care=g(r['children_in_care']),
                   care_leavers=cl if not cl_proxy else g(r['children_in_care']),
                   overall=g(r['overall_effectiveness']))
    pg = prior_grade(r['la_code'], D)
    INSP.append(dict(la=r['la_code'], name=r['la_name'], fw=fw, D=D, d_src=d_src, labels=lab,
                     cl_proxy=cl_proxy, short=1.0 if r['ilacs_type'] == 'short' else 0.0,
                     prior=(pg[1] if pg else np.nan), prior_fw=(pg[2] if pg else ''),
                     published=r['published']))
INSP.sort(key=lambda x: (x['D'], x['la']))
N = len(INSP)
FW = np.array([0 if x['fw'] == 'SIF' else 1 for x in INSP])
LAS = np.array([x['la'] for x in INSP])
Y = {a: np.array([x['labels'][a] for x in INSP], dtype=float) for a in AREAS}
CL_PROXY = np.array([x['cl_proxy'] for x in INSP])
# mean grade over the judged areas (ILACS pre-2023 care leavers = the combined judgement, counted once)
_comp_cols = np.column_stack([Y['leadership'], Y['help_and_protection'], Y['children_in_care'],
                              np.where(CL_PROXY, np.nan, Y['care_leavers']), Y['overall']])
COMPOSITE = np.nanmean(_comp_cols, 1)
log(f'{N} inspections: SIF {int((FW == 0).sum())}, ILACS {int((FW == 1).sum())}; LAs {len(set(LAS))}')


def build_features(mode):
    X = np.full((N, len(INDICATORS), len(FEAT_TYPES)), np.nan)
    detail = []
    for i, ins in enumerate(INSP):
        drow = {}
        for j, ind in enumerate(INDICATORS):
            f = indicator_features(ins['la'], ind, ins['D'], mode)
            for t, ft in enumerate(FEAT_TYPES):
                X[i, j, t] = f[ft]
            drow[ind] = f
        detail.append(drow)
    return X, detail


# ----------------------------------------------------------------------------------------------
# 3. Models (numpy)
# ----------------------------------------------------------------------------------------------
K = 4  # grades 0..3 (0 = outstanding, 3 = inadequate)


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def fit_ordinal(X, y, grp, lam, n_grp=2, iters=30, beta0=None):
    """Cumulative-logit ('stacked binary', shared slopes) ordinal logistic regression with L2 penalty.
    P(y > k) = sigmoid(alpha[grp, k] + X @ beta).  Framework-specific thresholds alpha.
    Newton-Raphson.  Returns beta, alpha (n_grp x K-1)."""
    n, p = X.shape
    Z = np.stack([(y > k).astype(float) for k in range(K - 1)], 1)        # n x 3
    A = np.zeros((n, n_grp))
    A[np.arange(n), grp] = 1
    beta = np.zeros(p) if beta0 is None else beta0.copy()
    # initial alpha: empirical log-odds per group
    alpha = np.zeros((n_grp, K - 1))
    for gg in range(n_grp):
        m = grp == gg
        for k in range(K - 1):
            pk = (Z[m, k].sum() + 0.5) / (m.sum() + 1.0)
            alpha[gg, k] = math.log(pk / (1 - pk))
    eps = 1e-2   # tiny ridge on thresholds (keeps them finite when a grade is absent in a fold)
    na = n_grp * (K - 1)
    for it in range(iters):
        eta = X @ beta
        L = eta[:, None] + alpha[grp]                  # n x 3
        P = sigmoid(L)
        W = P * (1 - P)
        R = P - Z
        gb = X.T @ R.sum(1) + lam * beta
        ga = (A.T @ R).ravel() + eps * alpha.ravel()   # (grp, k) order
        Hbb = (X * W.sum(1)[:, None]).T @ X + lam * np.eye(p)
        Hba = np.zeros((p, na))
        Haa = np.zeros(na)
        for k in range(K - 1):
            Hba[:, k::K - 1] = (X * W[:, k][:, None]).T @ A
            Haa[k::K - 1] = A.T @ W[:, k]
        H = np.zeros((p + na, p + na))
        H[:p, :p] = Hbb
        H[:p, p:] = Hba
        H[p:, :p] = Hba.T
        H[p:, p:] = np.diag(Haa + eps)
        step = np.linalg.solve(H, np.concatenate([gb, ga]))
        beta -= step[:p]
        alpha -= step[p:].reshape(n_grp, K - 1)
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta, alpha


def ordinal_probs(eta, alpha_rows):
    """Class probabilities 0..3 from eta and per-row thresholds (n x 3)."""
    Pgt = sigmoid(eta[:, None] + alpha_rows)
    Pgt = np.minimum.accumulate(Pgt, axis=1)          # enforce P(y>0) >= P(y>1) >= P(y>2)
    probs = np.empty((len(eta), K))
    probs[:, 0] = 1 - Pgt[:, 0]
    probs[:, 1] = Pgt[:, 0] - Pgt[:, 1]
    probs[:, 2] = Pgt[:, 1] - Pgt[:, 2]
    probs[:, 3] = Pgt[:, 2]
    return np.clip(probs, 1e-9, 1)


def ordinal_loss(probs, y):
    return -np.mean(np.log(probs[np.arange(len(y)), y.astype(int)]))


def standardise(Xtr, Xte):
    mu = np.nanmean(Xtr, 0)
    sd = np.nanstd(Xtr, 0)
    mu = np.where(np.isnan(mu), 0, mu)
    sd = np.where((sd == 0) | np.isnan(sd), 1, sd)
    a = (Xtr - mu) / sd
    b = (Xte - mu) / sd
    a = np.clip(np.nan_to_num(a, nan=0.0), -5, 5)
    b = np.clip(np.nan_to_num(b, nan=0.0), -5, 5)
    return a, b


def group_folds(groups, n_folds, rng):
    """Assign each group (LA) to a fold at random (balanced by number of groups)."""
    ug = np.array(sorted(set(groups)))
    perm = rng.permutation(len(ug))
    fold_of = {ug[perm[i]]: i % n_folds for i in range(len(ug))}
    return np.array([fold_of[x] for x in groups])


def recall_threshold(score, is_inad, target=0.6):
    """Threshold t such that a fraction `target` of inadequate cases have score >= t."""
    s = np.sort(score[is_inad])[::-1]
    if len(s) == 0:
        return np.inf
    k = max(1, int(math.ceil(target * len(s))))
    return s[k - 1]


def thresholds(p_inad, y, grp, target):
    """Per-framework decision thresholds on P(inadequate), chosen on inner-CV (out-of-fold) predictions."""
    return {gg: recall_threshold(p_inad[grp == gg], y[grp == gg] == 3, target) for gg in (0, 1)}


# ---- (b) L2 ordinal logistic regression, lambda tuned by inner grouped CV -----------------
LAMBDAS = [3.0, 10.0, 30.0, 100.0, 300.0, 1000.0]


class RidgeOrdinal:
    name = 'logistic'

    def __init__(self, lambdas=LAMBDAS):
        self.lambdas = lambdas

    def fit(self, X, y, grp, groups, rng):
        # inner grouped CV to choose lambda; keep inner OOF P(inadequate) for the threshold
        f_in = group_folds(groups, INNER_FOLDS, rng)
        losses = np.zeros(len(self.lambdas))
        inner_pinad = np.zeros((len(self.lambdas), len(y)))
        for f in range(INNER_FOLDS):
            tr, te = f_in != f, f_in == f
            a, b = standardise(X[tr], X[te])
            beta = None
            for li, lam in enumerate(sorted(self.lambdas, reverse=True)):
                beta, alpha = fit_ordinal(a, y[tr], grp[tr], lam, beta0=beta)
                li2 = self.lambdas.index(lam)
                pr = ordinal_probs(b @ beta, alpha[grp[te]])
                losses[li2] += -np.sum(np.log(pr[np.arange(te.sum()), y[te].astype(int)]))
                inner_pinad[li2, te] = pr[:, 3]
        best = int(np.argmin(losses))
        self.lam = self.lambdas[best]
        self.mu_sd_X = X
        a, _ = standardise(X, X[:1])
        self.beta, self.alpha = fit_ordinal(a, y, grp, self.lam)
        self.thr = thresholds(inner_pinad[best], y, grp, 0.6)
        self.thr90 = thresholds(inner_pinad[best], y, grp, 0.9)
        return self

    def predict(self, Xte, grp_te):
        _, b = standardise(self.mu_sd_X, Xte)
        eta = b @ self.beta
        probs = ordinal_probs(eta, self.alpha[grp_te])
        return eta, probs


# ---- (c) points scorecard ---------------------------------------------------------------
def nice_round(x):
    ax = abs(x)
    step = 0.5 if ax < 10 else (1.0 if ax < 50 else (5.0 if ax < 500 else 10.0))
    return round(x / step) * step


RULE_Q = [0.5, 0.67, 0.75, 0.9]
TREND_Q = [0.67, 0.9]
POLAR_KNOWN = [j for j, ind in enumerate(INDICATORS) if POLAR[ind] != 'neither']


def candidate_rules(Xtr, space='full'):
    """Candidate binary rules; margins are set from the training fold's feature distribution and rounded
    to 'nice' numbers.  A rule is (ind_idx, kind, ftype, sign, thr):
      kind 'cmp'   : sign*feature > thr   (feature = oriented difference from England / neighbours / region)
      kind 'trend' : sign*change  > thr   (1- or 3-year change, oriented)
      kind 'pct'   : in the worst (1-thr) share of all LAs that year (sign -1: lowest share, 'neither' only)
      kind 'miss'  : value missing or suppressed
    space 'full'      : all indicators (both directions for polarity 'neither'), margins at the 50/67/75/90th
                        percentiles, trends, top-quartile/decile, missingness  (~1,300 rules)
    space 'simple'    : polarity-known indicators only; 4 rules each: worst quartile nationally, worse than
                        neighbours by > 67th-percentile margin, worse than England by > 67th-percentile margin,
                        worsened over 3 years by > 67th-percentile margin (~115 rules)
    space 'quartile'  : polarity-known indicators only, worst quartile nationally (29 rules)"""
    rules = []
    fidx = {ft: t for t, ft in enumerate(FEAT_TYPES)}

    def q(col, qq, ind):
        col = col[~np.isnan(col)]
        if len(col) < 30:
            return None
        v = float(np.quantile(col, qq))
        return max(0.0, nice_round(v) if not IS_COUNT[ind] else round(v, 2))

    for j, ind in enumerate(INDICATORS):
        if space == 'quartile':
            if POLAR[ind] != 'neither':
                rules.append((j, 'pct', 'pct', 1.0, 0.75))
            continue
        if space == 'simple':
            if POLAR[ind] == 'neither':
                continue
            rules.append((j, 'pct', 'pct', 1.0, 0.75))
            for ft, kind in (('d_sn', 'cmp'), ('d_eng', 'cmp'), ('ch3', 'trend')):
                thr = q(Xtr[:, j, fidx[ft]], 0.67, ind)
                if thr is not None:
                    rules.append((j, kind, ft, 1.0, thr))
            continue
        signs = [1.0] if POLAR[ind] != 'neither' else [1.0, -1.0]
        for sg in signs:
            for ft in ('d_eng', 'd_sn', 'd_reg'):
                for qq in RULE_Q:
                    thr = q(sg * Xtr[:, j, fidx[ft]], qq, ind)
                    if thr is not None:
                        rules.append((j, 'cmp', ft, sg, thr))
            for ft in ('ch1', 'ch3'):
                for qq in TREND_Q:
                    thr = q(sg * Xtr[:, j, fidx[ft]], qq, ind)
                    if thr is not None:
                        rules.append((j, 'trend', ft, sg, thr))
            for cut in (0.75, 0.9):
                rules.append((j, 'pct', 'pct', sg, cut))
        rules.append((j, 'miss', 'miss', 1.0, 0.5))
    return list(dict.fromkeys(rules))


def apply_rules(X, rules):
    fidx = {ft: t for t, ft in enumerate(FEAT_TYPES)}
    B = np.zeros((X.shape[0], len(rules)))
    for r, (j, kind, ft, sg, thr) in enumerate(rules):
        col = X[:, j, fidx[ft]]
        with np.errstate(invalid='ignore'):
            if kind == 'pct':
                hit = col >= thr if sg > 0 else col <= 1 - thr
            else:
                hit = sg * col > thr
        B[:, r] = np.where(np.isnan(col), 0, hit)
    return B


def rule_text(rule):
    j, kind, ft, sg, thr = rule
    ind = INDICATORS[j]
    if kind == 'miss':
        return f'{ind}: value missing/suppressed'
    if kind == 'pct':
        if sg > 0:
            w = 'worst' if POLAR[ind] != 'neither' else 'highest'
        else:
            w = 'lowest'
        return f'{ind}: in {w} {int(round((1 - thr) * 100))}% of LAs'
    comp = {'d_eng': 'England', 'd_sn': 'stat. neighbours (mean)', 'd_reg': 'region'}.get(ft)
    dirw = ('higher' if sg > 0 else 'lower') if POLAR[ind] == 'neither' else 'worse'
    unit = '' if not IS_COUNT[ind] else ' (log ratio)'
    if kind == 'cmp':
        return f'{ind}: {dirw} than {comp} by more than {thr:g}{unit}'
    yrs = '1 year' if ft == 'ch1' else '3 years'
    dirw2 = 'worsened' if POLAR[ind] != 'neither' else ('rose' if sg > 0 else 'fell')
    return f'{ind}: {dirw2} by more than {thr:g}{unit} over {yrs}'


KS = [3, 5, 8, 12, 16]


class Scorecard:
    """Points scorecard.  In-fold: build candidate rules, select at most one rule per indicator and the
    top-k indicators, learn integer points (0-3) as round(coefficient / 0.5) from a small-penalty ordinal
    logistic fit on the selected rules, choose k by inner grouped CV, calibrate score -> grade
    probabilities on inner-CV scores, and set per-framework band thresholds on inner-CV P(inadequate)."""
    name = 'scorecard'

    def __init__(self, space='full', select='screen', ks=KS, min_t=1.0, lam_pts=2.0, pts_unit=0.5,
                 lam_sel=10.0):
        self.space, self.select = space, select
        self.ks = ks if select != 'none' else [0]
        self.min_t, self.lam_pts, self.pts_unit, self.lam_sel = min_t, lam_pts, pts_unit, lam_sel

    def _screen(self, B, y, grp):
        """Per rule, t-statistic of framework-centred grade between rule-true and rule-false."""
        yc = y.astype(float).copy()
        for gg in np.unique(grp):
            m = grp == gg
            yc[m] -= yc[m].mean()
        n1 = B.sum(0)
        n0 = len(y) - n1
        s1 = B.T @ yc
        m1 = s1 / np.maximum(n1, 1)
        m0 = (yc.sum() - s1) / np.maximum(n0, 1)
        var = yc.var() + 1e-9
        t = (m1 - m0) / np.sqrt(var * (1 / np.maximum(n1, 1) + 1 / np.maximum(n0, 1)))
        t[(n1 < 10) | (n0 < 10)] = -np.inf
        return t

    def _rank(self, B, y, grp):
        if self.select == 'ridge':
            beta, _ = fit_ordinal(B, y, grp, self.lam_sel)
            ok = (B.sum(0) >= 10) & (B.sum(0) <= len(y) - 10)
            return np.where(ok, beta, -np.inf), 0.0
        return self._screen(B, y, grp), self.min_t

    def _fit_k(self, rules, B, y, grp, k, rank=None):
        if self.select == 'none':
            return list(range(len(rules))), np.ones(len(rules))
        t, tmin = rank if rank is not None else self._rank(B, y, grp)
        best_by_ind = {}
        for r, tv in enumerate(t):
            j = rules[r][0]
            if tv > tmin and (j not in best_by_ind or tv > t[best_by_ind[j]]):
                best_by_ind[j] = r
        chosen = sorted(best_by_ind.values(), key=lambda r: -t[r])[:k]
        if not chosen:
            return [], np.zeros(0)
        beta, _ = fit_ordinal(B[:, chosen], y, grp, self.lam_pts)
        pts = np.clip(np.round(beta / self.pts_unit), 0, 3)
        keep = pts > 0
        return [chosen[i] for i in range(len(chosen)) if keep[i]], pts[keep]

    def _calib(self, score, y, grp):
        """1-D ordinal map from integer score to grade probabilities (framework thresholds)."""
        beta, alpha = fit_ordinal(score.reshape(-1, 1).astype(float), y, grp, 1e-3)
        return beta, alpha

    def fit(self, X, y, grp, groups, rng, aux=None):
        # aux (common scorecard): mean grade over all judged areas, used instead of y to choose rules and
        # points; the area's own grade is then used only for calibration and band thresholds
        ysel = y if aux is None else np.clip(np.round(aux), 0, 3)
        f_in = group_folds(groups, INNER_FOLDS, rng)
        inner_score = np.zeros((len(self.ks), len(y)))
        for f in range(INNER_FOLDS):
            tr, te = f_in != f, f_in == f
            rules = candidate_rules(X[tr], self.space)
            Btr, Bte = apply_rules(X[tr], rules), apply_rules(X[te], rules)
            rank = self._rank(Btr, ysel[tr], grp[tr]) if self.select != 'none' else None
            for ki, k in enumerate(self.ks):
                ch, pts = self._fit_k(rules, Btr, ysel[tr], grp[tr], k, rank)
                inner_score[ki, te] = Bte[:, ch] @ pts if len(ch) else 0
        losses = []
        for ki in range(len(self.ks)):
            cb, ca = self._calib(inner_score[ki], y, grp)
            pr = ordinal_probs(inner_score[ki] * cb[0], ca[grp])
            losses.append(ordinal_loss(pr, y))
        best = int(np.argmin(losses))
        self.k = self.ks[best]
        self.cb, self.ca = self._calib(inner_score[best], y, grp)   # calibration on inner-OOF scores
        self.rules_all = candidate_rules(X, self.space)
        B = apply_rules(X, self.rules_all)
        ch, pts = self._fit_k(self.rules_all, B, ysel, grp, self.k)
        self.rules = [self.rules_all[r] for r in ch]
        self.points = pts
        pin = ordinal_probs(inner_score[best] * self.cb[0], self.ca[grp])[:, 3]
        self.thr = thresholds(pin, y, grp, 0.6)
        self.thr90 = thresholds(pin, y, grp, 0.9)
        self.inner_score = inner_score[best]
        return self

    def score(self, Xte):
        if not self.rules:
            return np.zeros(Xte.shape[0])
        return apply_rules(Xte, self.rules) @ self.points

    def predict(self, Xte, grp_te):
        s = self.score(Xte)
        probs = ordinal_probs(s * self.cb[0], self.ca[grp_te])
        return s, probs


def make_scorecard(space, select, common=False):
    class SC(Scorecard):
        name = f'scorecard-{space}-{select}' + ('-common' if common else '')
        uses_aux = common

        def __init__(self, **kw):
            Scorecard.__init__(self, space=space, select=select, **kw)
    return SC


# ---- (a) majority baseline ----------------------------------------------------------------
class Majority:
    name = 'majority'

    def fit(self, X, y, grp, groups, rng):
        self.maj = {}
        self.dist = {}
        for gg in np.unique(grp):
            c = Counter(y[grp == gg].astype(int))
            self.maj[gg] = max(sorted(c), key=lambda k: c[k])
            d = np.array([c.get(k, 0) for k in range(K)], float) + 0.5
            self.dist[gg] = d / d.sum()
        self.thr = {0: np.inf, 1: np.inf}
        self.thr90 = {0: np.inf, 1: np.inf}
        return self

    def predict(self, Xte, grp_te):
        probs = np.array([self.dist[gg] for gg in grp_te])
        return np.zeros(len(grp_te)), probs


# ---- (d) sklearn models for comparison / ceiling only ---------------------------------------
def sklearn_models():
    try:
        import sklearn  # noqa
    except ImportError:
        return []
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    class SkBase:
        def fit(self, X, y, grp, groups, rng):
            Xf = self._X(X, grp)
            f_in = group_folds(groups, 3, rng)
            inner = np.zeros(len(y))
            for f in range(3):
                tr, te = f_in != f, f_in == f
                m = self._make().fit(Xf[tr], y[tr].astype(int))
                inner[te] = self._p(m, Xf[te])[:, 3]
            self.m = self._make().fit(Xf, y.astype(int))
            self.thr = thresholds(inner, y, grp, 0.6)
            self.thr90 = thresholds(inner, y, grp, 0.9)
            return self

        def _p(self, m, Xf):
            pr = np.zeros((Xf.shape[0], K))
            pr[:, m.classes_] = m.predict_proba(Xf)
            return np.clip(pr, 1e-9, 1)

        def predict(self, Xte, grp_te):
            pr = self._p(self.m, self._X(Xte, grp_te))
            # score against inadequate: expected grade
            return pr @ np.arange(K), pr

    class GBM(SkBase):
        name = 'gbm'

        def _make(self):
            return HistGradientBoostingClassifier(max_depth=2, learning_rate=0.05, max_iter=80,
                                                  min_samples_leaf=15, l2_regularization=1.0,
                                                  random_state=0)

        def _X(self, X, grp):
            # missing -> sentinel (sklearn's binner fails on columns that are all-NaN within a fold)
            return np.nan_to_num(np.column_stack([X, grp]), nan=-1e6)

    class SkLogit(SkBase):
        name = 'sk_logistic'

        def _make(self):
            return LogisticRegression(C=0.01, max_iter=2000)

        def _X(self, X, grp):
            Xs = np.nan_to_num(X, nan=0.0)   # standardised below
            return np.column_stack([Xs, grp])

        def fit(self, X, y, grp, groups, rng):
            self.mu = np.nanmean(X, 0)
            self.mu = np.where(np.isnan(self.mu), 0, self.mu)
            self.sd = np.nanstd(X, 0)
            self.sd = np.where((self.sd == 0) | np.isnan(self.sd), 1, self.sd)
            return SkBase.fit(self, (X - self.mu) / self.sd, y, grp, groups, rng)

        def predict(self, Xte, grp_te):
            return SkBase.predict(self, (Xte - self.mu) / self.sd, grp_te)

    return [GBM, SkLogit]


# ----------------------------------------------------------------------------------------------
# 4. Cross-validation driver and metrics
# ----------------------------------------------------------------------------------------------
def auc(score, pos):
    pos = pos.astype(bool)
    n1, n0 = pos.sum(), (~pos).sum()
    if n1 == 0 or n0 == 0:
        return np.nan
    order = np.argsort(score, kind='mergesort')
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = 0.5 * (i + j) + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    return (r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def to3(g4):
    return np.where(g4 <= 1, 0, np.where(g4 == 2, 1, 2))


def run_cv(model_cls, X2, y, grp, groups, n_repeats=N_REPEATS, seed=SEED, train_frac=1.0, keep_models=False,
           aux=None, **kw):
    """Grouped (by LA) K-fold CV, repeated.  Returns out-of-fold arrays (repeat x n)."""
    n = len(y)
    OOF = dict(score=np.full((n_repeats, n), np.nan), p=np.full((n_repeats, n, K), np.nan),
               flag=np.zeros((n_repeats, n)), band=np.zeros((n_repeats, n)), fold=np.zeros((n_repeats, n), int))
    models = []
    for rep in range(n_repeats):
        rng = np.random.default_rng(seed + 1000 * rep)
        folds = group_folds(groups, N_FOLDS, rng)
        for f in range(N_FOLDS):
            tr, te = folds != f, folds == f
            if train_frac < 1.0:
                ug = np.array(sorted(set(groups[tr])))
                keep = set(rng.choice(ug, size=max(5, int(round(train_frac * len(ug)))), replace=False))
                tr = tr & np.array([x in keep for x in groups])
            if getattr(model_cls, 'uses_aux', False):
                m = model_cls(**kw).fit(X2[tr], y[tr], grp[tr], groups[tr], rng, aux=aux[tr])
            else:
                m = model_cls(**kw).fit(X2[tr], y[tr], grp[tr], groups[tr], rng)
            s, pr = m.predict(X2[te], grp[te])
            OOF['score'][rep, te] = s
            OOF['p'][rep, te] = pr
            t60 = np.array([m.thr[gg] for gg in grp[te]])
            t90 = np.array([m.thr90[gg] for gg in grp[te]])
            OOF['flag'][rep, te] = pr[:, 3] >= t60
            OOF['band'][rep, te] = np.where(pr[:, 3] >= t60, 2, np.where(pr[:, 3] >= t90, 1, 0))
            OOF['fold'][rep, te] = f
            if keep_models:
                models.append(m)
    OOF['models'] = models
    return OOF


def metrics(OOF, y, sel):
    """Mean over repeats of each metric, on rows `sel`."""
    out = defaultdict(list)
    yy = y[sel].astype(int)
    for rep in range(OOF['score'].shape[0]):
        pr = OOF['p'][rep, sel]
        pred4 = pr.argmax(1)
        p3 = np.column_stack([pr[:, 0] + pr[:, 1], pr[:, 2], pr[:, 3]])
        pred3 = p3.argmax(1)
        flag = OOF['flag'][rep, sel].astype(bool)
        inad = yy == 3
        out['exact4'].append(np.mean(pred4 == yy))
        out['exact3'].append(np.mean(pred3 == to3(yy)))
        out['within1'].append(np.mean(np.abs(pred4 - yy) <= 1))
        out['recall'].append(flag[inad].mean() if inad.any() else np.nan)
        out['precision'].append(inad[flag].mean() if flag.any() else np.nan)
        out['flag_rate'].append(flag.mean())
        # AUC against inadequate, on the model's score (linear predictor / points), which excludes the
        # fold-specific framework intercepts (pooling P(inadequate) across folds biases AUC downwards
        # because a fold with many inadequate councils leaves few in its training set).
        sc = OOF['score'][rep, sel]
        out['auc'].append(auc(sc, inad))
        out['auc_ri_or_worse'].append(auc(sc, yy >= 2))
        out['logloss'].append(-np.mean(np.log(pr[np.arange(len(yy)), yy])))
    res = {k: float(np.nanmean(v)) for k, v in out.items()}
    res.update({k + '_sd': float(np.nanstd(v)) for k, v in out.items() if k in ('exact4', 'auc', 'recall', 'precision')})
    res['n'] = int(sel.sum())
    res['n_inad'] = int((yy == 3).sum())
    return res


def confusion(OOF, y, sel, rep=0):
    yy = y[sel].astype(int)
    pred = OOF['p'][rep, sel].argmax(1)
    C = np.zeros((K, K), int)
    for a, b in zip(yy, pred):
        C[a, b] += 1
    return C


def cluster_bootstrap_auc(score, pos, groups, n_boot=2000, seed=SEED):
    rng = np.random.default_rng(seed)
    ug = np.array(sorted(set(groups)))
    idx_by = {u: np.where(groups == u)[0] for u in ug}
    vals = []
    for _ in range(n_boot):
        pick = rng.choice(ug, size=len(ug), replace=True)
        idx = np.concatenate([idx_by[u] for u in pick])
        a = auc(score[idx], pos[idx])
        if not np.isnan(a):
            vals.append(a)
    return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


# ----------------------------------------------------------------------------------------------
# 5. Main
# ----------------------------------------------------------------------------------------------
def flat(X3, types=None, inds=None):
    types = types or FEAT_TYPES
    inds = inds if inds is not None else list(range(len(INDICATORS)))
    cols = [X3[:, j, FEAT_TYPES.index(t)] for j in inds for t in types]
    return np.column_stack(cols)


SHIP_MODE = 'lag'                 # year rule of the shipped scorecard
SHIP_SC = ('simple', 'screen', True)   # rule space / selection / common of the shipped scorecard
SC_VARIANTS = [('full', 'screen'), ('simple', 'screen'), ('simple', 'ridge'), ('quartile', 'none')]
FWN = ['SIF', 'ILACS']


def main():
    results = {'meta': {}, 'cv': {}, 'conf': {}, 'boot': {}, 'lc': {}, 'stability': {}, 'final': {}}
    feats = {}
    for mode in MODES:
        feats[mode] = build_features(mode)
        np.save(f'{OUT}/X3_{mode}.npy', feats[mode][0])
    log('features built')
    for mode in MODES:
        X3 = feats[mode][0]
        results['meta'][f'avail_{mode}'] = {fw: float(np.mean(~np.isnan(X3[FW == i][:, :, FEAT_TYPES.index('pct')])))
                                           for i, fw in enumerate(FWN)}
    # how many years older the lag-aware rule is than the standard rule
    diffs = Counter()
    for i in range(N):
        for ind in INDICATORS:
            a = feats['standard'][1][i][ind]['year']
            b = feats['lag'][1][i][ind]['year']
            diffs[(INSP[i]['fw'], 'none' if a is None else ('lag has none' if b is None else str(a - b)))] += 1
    results['meta']['year_rule_diff'] = {f'{k[0]}|{k[1]}': v for k, v in sorted(diffs.items())}
    results['meta']['labels'] = {}
    for a in AREAS:
        for i, fw in enumerate(FWN):
            m = (FW == i) & ~np.isnan(Y[a])
            results['meta']['labels'][f'{a}|{fw}'] = [int((Y[a][m] == k).sum()) for k in range(K)]
        m = (FW == 1) & ~np.isnan(Y[a]) & ~CL_PROXY
        if a == 'care_leavers':
            results['meta']['labels'][f'{a}|ILACS_genuineCL'] = [int((Y[a][m] == k).sum()) for k in range(K)]
    results['meta']['n_la'] = {fw: len(set(LAS[FW == i])) for i, fw in enumerate(FWN)}
    results['meta']['n_la_all'] = len(set(LAS))

    prior = np.array([x['prior'] for x in INSP])
    short = np.array([x['short'] for x in INSP])
    # previous graded inspection as categories (the relation is not monotone: councils judged inadequate
    # last time are rarely inadequate again), plus the ILACS short/standard type, known before fieldwork
    prior_feats = np.column_stack([prior == 0, prior == 1, prior == 2, prior == 3, np.isnan(prior), short]).astype(float)

    sk = sklearn_models()
    OOFS = {}

    def evaluate(tag, model_cls, Xin, areas=AREAS, n_repeats=N_REPEATS, keep=False, genuine_cl=False,
                 ilacs_only=False, **kw):
        kw['aux'] = COMPOSITE
        for a in areas:
            m = ~np.isnan(Y[a])
            if a == 'care_leavers' and genuine_cl:
                m = m & ~CL_PROXY
            if ilacs_only:
                m = m & (FW == 1)
            kw2 = dict(kw, aux=kw['aux'][m])
            oof = run_cv(model_cls, Xin[m], Y[a][m], FW[m], LAS[m], n_repeats=n_repeats, keep_models=keep, **kw2)
            res = {}
            for i, fw in enumerate(FWN):
                sel = FW[m] == i
                if sel.sum() == 0:
                    continue
                res[fw] = metrics(oof, Y[a][m], sel)
                results['conf'][f'{tag}|{a}|{fw}'] = confusion(oof, Y[a][m], sel).tolist()
                if a == 'care_leavers' and fw == 'ILACS':
                    sel2 = sel & ~CL_PROXY[m]
                    res['ILACS_genuineCL'] = metrics(oof, Y[a][m], sel2)
                    results['conf'][f'{tag}|{a}|ILACS_genuineCL'] = confusion(oof, Y[a][m], sel2).tolist()
            results['cv'][f'{tag}|{a}'] = res
            OOFS[(tag, a)] = dict(idx=np.where(m)[0], p=np.nanmean(oof['p'], 0), score=np.nanmean(oof['score'], 0),
                                  scores_all=oof['score'], band=oof['band'], models=oof['models'], flag=oof['flag'])
            log(f'{tag:34s} {a:20s} ' + '  '.join(
                f"{fw}: ex4 {res[fw]['exact4']:.2f} w1 {res[fw]['within1']:.2f} auc {res[fw]['auc']:.2f} "
                f"rec {res[fw]['recall']:.2f} prec {res[fw]['precision']:.2f}" for fw in FWN if fw in res))

    for mode in ['lag', 'hybrid', 'standard']:
        X3 = feats[mode][0]
        X2 = flat(X3)
        evaluate(f'majority|{mode}', Majority, X2)
        evaluate(f'logistic|{mode}', RidgeOrdinal, X2)
        for sp, se in (SC_VARIANTS if mode == 'lag' else SC_VARIANTS[:2]):
            evaluate(f'scorecard-{sp}-{se}|{mode}', make_scorecard(sp, se), X3, keep=True)
    # common scorecard: rules and points chosen on the mean grade over all areas, calibrated per area
    for mode in ('lag', 'hybrid'):
        for sp, se in SC_VARIANTS[:2]:
            evaluate(f'scorecard-{sp}-{se}-common|{mode}', make_scorecard(sp, se, True), feats[mode][0], keep=True)
    X3 = feats['lag'][0]
    X2 = flat(X3)
    SC = make_scorecard(*SHIP_SC)
    sct = SC.name
    # care leavers: train without the pre-2023 combined ('children in care and care leavers') label
    evaluate('logistic|lag|CL-genuine-only', RidgeOrdinal, X2, areas=['care_leavers'], genuine_cl=True)
    evaluate(f'{sct}|lag|CL-genuine-only', SC, X3, areas=['care_leavers'], genuine_cl=True)
    # trained on ILACS only (no pooling with SIF)
    for mode in ('lag', 'hybrid'):
        evaluate(f'logistic|{mode}|ILACS-only', RidgeOrdinal, flat(feats[mode][0]), ilacs_only=True)
        for sp, se in SC_VARIANTS[:2]:
            evaluate(f'scorecard-{sp}-{se}|{mode}|ILACS-only', make_scorecard(sp, se), feats[mode][0], ilacs_only=True)
    # previous-inspection information (not 'published indicators alone')
    evaluate('prior-only', RidgeOrdinal, prior_feats, lambdas=[0.1, 1.0, 10.0])
    evaluate('logistic|lag|+prior', RidgeOrdinal, np.column_stack([X2, prior_feats]))
    evaluate('logistic|hybrid|+prior', RidgeOrdinal, np.column_stack([flat(feats['hybrid'][0]), prior_feats]))
    # sklearn: comparison / ceiling only
    for cls in sk:
        evaluate(f'{cls.name}|lag', cls, X2, n_repeats=min(3, N_REPEATS))
    # ablation: feature groups (logistic, lag rule)
    groups_def = {'pct rank (national percentile)': ['pct'], 'vs England': ['d_eng'], 'vs stat. neighbours': ['d_sn'],
                  'vs region': ['d_reg'], 'trends (1y + 3y change)': ['ch1', 'ch3'], 'missingness flags': ['miss'],
                  'all levels (pct, vs Eng, vs SN, vs region)': ['pct', 'd_eng', 'd_sn', 'd_reg']}
    for gname, types in groups_def.items():
        evaluate(f'abl:{gname}', RidgeOrdinal, flat(X3, types), n_repeats=min(3, N_REPEATS))
    log('CV done')

    # cluster (by LA) bootstrap CIs of AUC on repeat-averaged out-of-fold scores
    for (tag, a), o in OOFS.items():
        if tag.startswith('abl:') or tag.startswith('majority'):
            continue
        idx = o['idx']
        for i, fw in enumerate(FWN):
            sel = FW[idx] == i
            if sel.sum() == 0:
                continue
            yy = Y[a][idx][sel]
            lo, hi = cluster_bootstrap_auc(o['score'][sel], yy == 3, LAS[idx][sel], n_boot=1000)
            results['boot'][f'{tag}|{a}|{fw}'] = [float(auc(o['score'][sel], yy == 3)), lo, hi]
            if a == 'care_leavers' and fw == 'ILACS':
                sel2 = sel & ~CL_PROXY[idx]
                lo, hi = cluster_bootstrap_auc(o['score'][sel2], Y[a][idx][sel2] == 3, LAS[idx][sel2], n_boot=1000)
                results['boot'][f'{tag}|{a}|ILACS_genuineCL'] = [float(auc(o['score'][sel2], Y[a][idx][sel2] == 3)), lo, hi]
    log('bootstrap done')

    # learning curve (lag rule): AUC vs number of training inspections
    for a in ['overall', 'help_and_protection']:
        m = ~np.isnan(Y[a])
        for frac in [0.25, 0.5, 0.75, 1.0]:
            for name, cls, Xin in (('logistic', RidgeOrdinal, X2), (sct, SC, X3)):
                oof = run_cv(cls, Xin[m], Y[a][m], FW[m], LAS[m], n_repeats=min(3, N_REPEATS), train_frac=frac,
                             aux=COMPOSITE[m])
                ntr = int(round(frac * (N_FOLDS - 1) / N_FOLDS * m.sum()))
                for i, fw in enumerate(FWN):
                    r = metrics(oof, Y[a][m], FW[m] == i)
                    results['lc'][f'{name}|{a}|{fw}|{frac}'] = [ntr, r['auc'], r['auc_ri_or_worse'], r['exact4']]
        log('learning curve', a)

    # scorecard rule stability across the 25 outer-fold models (shipped variant, lag rule)
    for a in AREAS:
        o = OOFS[(f'{sct}|{SHIP_MODE}', a)]
        cnt, ind_cnt, comp_cnt, pts = Counter(), Counter(), Counter(), defaultdict(list)
        for mdl in o['models']:
            for r, p in zip(mdl.rules, mdl.points):
                cnt[rule_text(r)] += 1
                ind_cnt[INDICATORS[r[0]]] += 1
                comp_cnt[r[2]] += 1
                pts[INDICATORS[r[0]]].append(float(p))
        nm = len(o['models'])
        results['stability'][a] = dict(n_models=nm, k=[mdl.k for mdl in o['models']],
                                       n_rules=[len(mdl.rules) for mdl in o['models']],
                                       indicators=[(k, v / nm, float(np.mean(pts[k]))) for k, v in ind_cnt.most_common(30)],
                                       rules=[(k, v / nm) for k, v in cnt.most_common(30)],
                                       comparators={k: v / nm for k, v in comp_cnt.items()})
    # logistic coefficient stability: the 5 outer-training folds of repeat 0 (lag rule)
    results['coef'] = {}
    for a in AREAS:
        m = ~np.isnan(Y[a])
        rng = np.random.default_rng(SEED)
        folds = group_folds(LAS[m], N_FOLDS, rng)
        B = []
        for f in range(N_FOLDS):
            tr = folds != f
            mdl = RidgeOrdinal().fit(X2[m][tr], Y[a][m][tr], FW[m][tr], LAS[m][tr], rng)
            B.append(mdl.beta / np.abs(mdl.beta).sum())     # normalised: share of total |coefficient|
        B = np.array(B).reshape(N_FOLDS, len(INDICATORS), len(FEAT_TYPES))
        per_ind = np.abs(B).sum(2)                           # fold x indicator
        rows = []
        for j, ind in enumerate(INDICATORS):
            signed = B[:, j, :].sum(1)
            rows.append((ind, float(per_ind[:, j].mean()), float(np.mean(np.sign(signed) == np.sign(signed.mean()))),
                         float(signed.mean()),
                         int(np.sum(np.argsort(-per_ind, axis=1)[:, :10] == j))))
        rows.sort(key=lambda r: -r[1])
        results['coef'][a] = rows
        # by feature type
        results['coef'][a + '|by_type'] = {ft: float(np.abs(B[:, :, t]).sum(1).mean()) for t, ft in enumerate(FEAT_TYPES)}

    # univariate signal (descriptive): AUC of each oriented feature vs RI-or-worse and vs inadequate,
    # within framework (ILACS), no tuning
    uni = []
    for j, ind in enumerate(INDICATORS):
        for t, ft in enumerate(FEAT_TYPES):
            row = [ind, ft]
            for a in ['overall', 'help_and_protection', 'children_in_care', 'leadership']:
                for tgt in (2, 3):
                    m = (FW == 1) & ~np.isnan(Y[a]) & ~np.isnan(X3[:, j, t])
                    row.append(float(auc(X3[m, j, t], Y[a][m] >= tgt)) if m.sum() >= 60 else np.nan)
            uni.append(row)
    results['univariate'] = uni

    # final scorecards fitted on all data -- what the product would ship
    Xs = feats[SHIP_MODE][0]
    base = None
    if SC.uses_aux:
        # ONE common score: rules and points from all 368 inspections (target = rounded mean grade over
        # areas, k chosen by inner grouped CV on that target); each area then gets its own calibration and
        # band cut-offs (inner grouped CV with k fixed)
        rng = np.random.default_rng(SEED)
        yc = np.clip(np.round(COMPOSITE), 0, 3)
        base = SC().fit(Xs, yc, FW, LAS, rng, aux=COMPOSITE)
        results['final']['common'] = dict(k=base.k, rules=[(rule_text(r), int(p)) for r, p in zip(base.rules, base.points)],
                                          raw_rules=[[int(r[0]), r[1], r[2], float(r[3]), float(r[4])] for r in base.rules])
    for a in AREAS:
        m = ~np.isnan(Y[a])
        rng = np.random.default_rng(SEED)
        if base is not None:
            mdl = SC(ks=[base.k]).fit(Xs[m], Y[a][m], FW[m], LAS[m], rng, aux=COMPOSITE[m])
            same = [rule_text(r) for r in mdl.rules] == [rule_text(r) for r in base.rules]
            mdl.rules, mdl.points, mdl.k = base.rules, base.points, base.k
        else:
            mdl = SC().fit(Xs[m], Y[a][m], FW[m], LAS[m], rng)
            same = None
        sc = np.arange(0, 41)
        res_f = dict(k=mdl.k, rules=[(rule_text(r), int(p)) for r, p in zip(mdl.rules, mdl.points)],
                     raw_rules=[[int(r[0]), r[1], r[2], float(r[3]), float(r[4])] for r in mdl.rules],
                     max_score=int(mdl.points.sum()), calib_slope=float(mdl.cb[0]), calib_alpha=mdl.ca.tolist())
        for i, fw in enumerate(FWN):
            pr = ordinal_probs(sc * mdl.cb[0], np.repeat(mdl.ca[[i]], len(sc), 0))
            hi = sc[pr[:, 3] >= mdl.thr[i]]
            med = sc[pr[:, 3] >= mdl.thr90[i]]
            res_f[fw] = dict(medium_from=int(med[0]) if len(med) else None, high_from=int(hi[0]) if len(hi) else None,
                             p_by_score=[[round(float(x), 3) for x in pr[s_]] for s_ in range(min(len(sc), res_f['max_score'] + 1))])
        # in-sample distribution of the final scorecard (for reference only)
        s_all = mdl.score(Xs[m])
        res_f['in_sample_auc_ILACS'] = float(auc(s_all[FW[m] == 1], Y[a][m][FW[m] == 1] == 3))
        res_f['area_fit_gives_same_rules'] = same
        # in-sample grade counts by score for ILACS (reference; the OOF version is in 'calib')
        res_f['insample_ILACS_by_score'] = {int(v): [int(((s_all == v) & (Y[a][m] == k) & (FW[m] == 1)).sum()) for k in range(K)]
                                            for v in np.unique(s_all)}
        results['final'][a] = res_f

    # out-of-fold calibration tables: bands and score bins, for the shipped scorecard and logistic
    results['calib'] = {}
    for tag in (f'{sct}|{SHIP_MODE}', f'logistic|{SHIP_MODE}', f'{sct}|hybrid', 'logistic|hybrid'):
        for a in AREAS:
            o = OOFS[(tag, a)]
            idx = o['idx']
            tab = {}
            for i, fw in enumerate(FWN):
                sel = FW[idx] == i
                yy = Y[a][idx][sel].astype(int)
                bands = o['band'][:, sel]
                nrep = bands.shape[0]
                t = {}
                for b, bn in enumerate(['low', 'medium', 'high']):
                    t['band ' + bn] = [float(((bands == b) & (yy[None, :] == k)).sum()) / nrep for k in range(K)]
                if tag.startswith('scorecard'):
                    sc = o['scores_all'][:, sel]
                    for lo_, hi_ in [(0, 0), (1, 2), (3, 4), (5, 6), (7, 99)]:
                        mm = (sc >= lo_) & (sc <= hi_)
                        t[f'score {lo_}-{hi_}' if hi_ < 99 else f'score {lo_}+'] = [
                            float((mm & (yy[None, :] == k)).sum()) / nrep for k in range(K)]
                tab[fw] = t
            results['calib'][f'{tag}|{a}'] = tab

    # sensitivity of the SIF fieldwork-date assumption (published - 84 days): share of indicator
    # reference years that change when D moves by -/+ 28 days
    ch = tot = 0
    for ins in INSP:
        if ins['fw'] != 'SIF' or ins['d_src'] == 'fieldwork start':
            continue
        for ind in INDICATORS:
            for lagf in (False, True):
                base = ref_year(ind, ins['D'], lagf)
                for dd in (-28, 28):
                    tot += 1
                    ch += ref_year(ind, ins['D'] + dt.timedelta(days=dd), lagf) != base
    results['meta']['sif_date_sensitivity'] = ch / max(tot, 1)
    results['meta']['runtime_s'] = time.time() - T0
    results['meta']['n_repeats'] = N_REPEATS
    json.dump(results, open(f'{OUT}/results.json', 'w'), indent=1, default=float)
    # per-inspection out-of-fold predictions (lag rule) for audit
    with open(f'{OUT}/oof_lag.csv', 'w', newline='') as fh:
        w = csv.writer(fh)
        w.writerow(['la_code', 'la_name', 'framework', 'D', 'area', 'grade', 'cl_proxy', 'logit_score', 'logit_p_inad',
                    'logit_pred', 'points_oof_mean', 'points_p_inad', 'points_pred'])
        for a in AREAS:
            ol, osc = OOFS[('logistic|lag', a)], OOFS[(f'{sct}|lag', a)]
            for r, i in enumerate(ol['idx']):
                w.writerow([LAS[i], INSP[i]['name'], INSP[i]['fw'], INSP[i]['D'], a, int(Y[a][i]), int(CL_PROXY[i]),
                            round(ol['score'][r], 4), round(ol['p'][r, 3], 4), int(ol['p'][r].argmax()),
                            round(osc['score'][r], 2), round(osc['p'][r, 3], 4), int(osc['p'][r].argmax())])
    write_tables(results)
    log('done')


def write_tables(R):
    """Markdown tables from results.json (pasted into RESULTS.md)."""
    out = []
    P = lambda x: '–' if x is None or (isinstance(x, float) and math.isnan(x)) else f'{100 * x:.0f}'
    F = lambda x: '–' if x is None or (isinstance(x, float) and math.isnan(x)) else f'{x:.2f}'
    tags = sorted({k.rsplit('|', 1)[0] for k in R['cv']}, key=lambda t: (not t.startswith('majority'), t))
    for fw in ['ILACS', 'SIF', 'ILACS_genuineCL']:
        out.append(f'\n### {fw}: out-of-fold metrics (mean of {R["meta"]["n_repeats"]} repeats of grouped 5-fold CV)\n')
        out.append('| model | area | n | n inad | exact 4 | exact 3 | within 1 | inad recall | inad precision | flagged | AUC inad | AUC RI-or-worse |')
        out.append('|---|---|---|---|---|---|---|---|---|---|---|---|')
        for t in tags:
            if t.startswith('abl:'):
                continue
            for a in AREAS:
                r = R['cv'].get(f'{t}|{a}', {}).get(fw)
                if not r:
                    continue
                out.append(f"| {t} | {a} | {r['n']} | {r['n_inad']} | {P(r['exact4'])} | {P(r['exact3'])} | {P(r['within1'])} | "
                           f"{P(r['recall'])} | {P(r['precision'])} | {P(r['flag_rate'])} | {F(r['auc'])} | {F(r['auc_ri_or_worse'])} |")
    out.append('\n### Feature-group ablation (logistic, lag-aware rule, AUC vs inadequate / vs RI-or-worse)\n')
    out.append('| feature group | ' + ' | '.join(f'{a} ILACS' for a in AREAS) + ' | overall SIF |')
    out.append('|---|' + '---|' * (len(AREAS) + 1))
    for t in sorted({k.rsplit('|', 1)[0] for k in R['cv'] if k.startswith('abl:')} | {'logistic|lag'}):
        cells = []
        for a in AREAS:
            r = R['cv'][f'{t}|{a}']['ILACS']
            cells.append(f"{F(r['auc'])} / {F(r['auc_ri_or_worse'])}")
        r = R['cv'][f'{t}|overall']['SIF']
        cells.append(f"{F(r['auc'])} / {F(r['auc_ri_or_worse'])}")
        out.append(f'| {t} | ' + ' | '.join(cells) + ' |')
    out.append('\n### Bootstrap 95% CI of AUC vs inadequate (cluster bootstrap by LA, repeat-averaged OOF score)\n')
    out.append('| model | area | ILACS | SIF |')
    out.append('|---|---|---|---|')
    for t in tags:
        if t.startswith('abl:') or t.startswith('majority'):
            continue
        for a in AREAS:
            c = []
            for fw in ['ILACS', 'SIF']:
                b = R['boot'].get(f'{t}|{a}|{fw}')
                c.append(f'{b[0]:.2f} ({b[1]:.2f}-{b[2]:.2f})' if b else '–')
            out.append(f'| {t} | {a} | {c[0]} | {c[1]} |')
    out.append('\n### Learning curve (AUC vs inadequate / RI-or-worse / exact-4; lag rule; 3 repeats)\n')
    out.append('| model | area | framework | training inspections | AUC inad | AUC RI-or-worse | exact 4 |')
    out.append('|---|---|---|---|---|---|---|')
    for k, v in R['lc'].items():
        name, a, fw, frac = k.split('|')
        out.append(f'| {name} | {a} | {fw} | {v[0]} | {F(v[1])} | {F(v[2])} | {P(v[3])} |')
    out.append('\n### Confusion matrices, repeat 1 (rows = actual O/G/RI/I, columns = predicted O/G/RI/I)\n')
    for k, C in R['conf'].items():
        if k.startswith('abl:'):
            continue
        if not (k.startswith('logistic|lag|') or k.startswith('majority|lag|') or k.startswith('scorecard-simple-screen-common|lag|')
                or k.startswith('logistic|hybrid|') or k.startswith('gbm|lag|')):
            continue
        out.append(f'- `{k}`: ' + ' / '.join(' '.join(str(x) for x in row) for row in C))
    open(f'{OUT}/tables.md', 'w').write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
