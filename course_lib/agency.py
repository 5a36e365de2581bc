"""Agency theory for bonus design: incentive intensity, the multitask problem and business phases.

**Single task, linear contract (LEN).** Output ``x = e + eps`` with ``eps ~ N(0, sigma2)``, pay
``w = alpha + beta x``, effort cost ``(c/2) e^2``, a seller with constant absolute risk aversion
``r`` and a risk-neutral firm (Holmström & Milgrom 1987; textbook form in Milgrom & Roberts 1992,
ch. 7; Gibbons 1998). Output is measured in units of the *value the seller creates for the firm*,
so ``beta`` is the share of that value paid to the seller (not kroner per krone of sales: with a
gross margin of 20 %, paying 6.8 % of sales is ``beta = 0.34`` of the margin). The seller chooses
``e = beta / c``; the total surplus ``e - (c/2) e^2 - (r/2) beta^2 sigma2`` is largest at

    beta* = 1 / (1 + r c sigma2),   TS* = 1 / (2 c (1 + r c sigma2)),   risk premium = (r/2) beta^2 sigma2.

**Several tasks (Holmström & Milgrom 1991).** Measures ``x_i = t_i + eps_i`` with ``eps ~ N(0, Sigma)``,
effort cost ``(1/2)(t - t0)' C (t - t0)`` where ``t0`` is the *baseline* effort a seller gives unpaid,
and benefit ``B' t``. The seller sets ``t = t0 + C^-1 beta``; while that effort is non-negative the
best linear contract is ``beta = (I + r C Sigma)^-1 B`` whatever the baseline. A task that cannot be
measured (infinite variance) gets ``beta = 0``, and the incentive on the measured tasks is lowered
when the tasks compete for effort, *because* paying for one task pulls effort away from the other.
That needs effort on the unpaid task to pull away from: with no baseline care the seller gives none
(effort is never negative), there is nothing to crowd out and the single-task answer returns.
:func:`multitask_optimal` solves the problem with effort floored at zero.

**Business phases** (:mod:`course_lib.incentives_phases`, re-exported here): the case regions
simulated month by month under a plan.

Example:
    >>> r = len_optimal(r=2.0, c=1.0, sigma2=0.5)
    >>> round(r.beta, 3), round(r.effort, 3)
    (0.5, 0.5)
"""
from __future__ import annotations

import itertools
import math
from typing import Any, NamedTuple

import numpy as np

from .i18n import format_number, invalid, t
from .incentives_checks import finite_number
from .incentives_phases import (  # noqa: F401  (public names of the phase model, kept here)
    UNITS, Phase, SimulationResult, effort_split, get_phase, phase_label, phases, reference_plan, simulate_phase,
    uniform_vs_tailored, weighted_plan,
)

_CONTENT_CONSTANTS = {"PHASES", "TASK_COST", "INTRINSIC", "RESPONSIVENESS", "ABILITIES"}


def __getattr__(name: str):
    """Content-backed constants kept under their old names (read from ``content/incentives.yaml``).

    Any other name fails before the content is read: ``hasattr(agency, "__wrapped__")`` (doctest's
    finder asks it) loaded the content and its schema modules, which changed ``course_lib``'s namespace
    while doctest walked it ("dictionary changed size during iteration").
    """
    if name not in _CONTENT_CONSTANTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .incentives_content import content

    sim = content()["simulation"]
    if name == "PHASES":
        return phases()
    if name == "TASK_COST":
        return np.asarray(sim["task_cost"], dtype=float)
    if name == "INTRINSIC":
        return np.asarray(sim["intrinsic"], dtype=float)
    if name == "RESPONSIVENESS":
        return float(sim["responsiveness"])
    return {key: np.asarray(p.attainment) for key, p in phases().items()}


MAX_TASKS = 4
"""The largest number of tasks :func:`multitask_optimal` solves: it tries all 3^n regimes (idle, free,
held at zero), which takes about 0.1 s for four tasks and minutes for eight."""

# --------------------------------------------------------------------------- LEN


class LenResult(NamedTuple):
    """The optimal single-task linear contract."""

    beta: float
    """Incentive intensity: the share of the value the seller creates that is paid to her."""
    effort: float
    """The seller's effort ``beta / c``."""
    risk_premium: float
    """What the seller must be paid for bearing the risk, ``(r/2) beta^2 sigma2``."""
    total_surplus: float
    """Value of effort minus its cost minus the risk premium."""

    def __repr__(self) -> str:
        return t("agency.len_result", beta=format_number(self.beta, 3), effort=format_number(self.effort, 3),
                 risk=format_number(self.risk_premium, 3), surplus=format_number(self.total_surplus, 3))


def _number(name: str, value: Any, minimum: float, strict: bool = False) -> float:
    x = finite_number(name, value, minimum)
    if strict and x <= minimum:
        raise invalid("agency.must_be_positive", field=name, value=value)
    return x


def len_optimal(r: float, c: float, sigma2: float) -> LenResult:
    """Optimal incentive intensity in the single-task LEN model.

    Args:
        r: risk aversion (finite, >= 0). c: effort cost curvature (finite, > 0). sigma2: noise
        variance of the measure (finite, >= 0). Infinite values are refused: take a large number.
        A ``c`` so near 0 that the effort ``beta / c`` would be infinite is refused as well.

    Example:
        >>> len_optimal(0, 2, 10).beta      # a risk-neutral seller: sell her the job
        1.0
        >>> round(len_optimal(1, 1, 1e9).beta, 6)   # almost pure noise: almost a fixed salary
        0.0
    """
    r = _number("r", r, 0.0)
    c = _number("c", c, 0.0, strict=True)
    sigma2 = _number("sigma2", sigma2, 0.0)
    denominator = 1.0 + r * c * sigma2
    beta = 0.0 if math.isinf(denominator) else 1.0 / denominator
    effort = beta / c
    risk = 0.0 if beta == 0 else 0.5 * r * beta * beta * sigma2
    surplus = effort - 0.5 * c * effort * effort - risk
    if not (math.isfinite(effort) and math.isfinite(surplus)):  # c so near 0 that beta / c overflows
        raise invalid("agency.cost_too_small", field="c", value=c)
    return LenResult(beta, effort, risk, surplus)


# --------------------------------------------------------------------------- multitask


class MultitaskResult(NamedTuple):
    """The optimal linear contract for several tasks."""

    beta: np.ndarray
    """Intensity per task (0 for a task that cannot be measured or gets no effort)."""
    effort: np.ndarray
    """The seller's effort per task, ``max(t0 + C^-1 beta, 0)`` solved jointly (never negative)."""
    total_surplus: float
    """Benefit of effort minus its cost minus the risk premium."""

    def __repr__(self) -> str:
        show = lambda xs: "(" + "; ".join(format_number(float(x), 3) for x in xs) + ")"  # noqa: E731
        return t("agency.multitask_result", beta=show(self.beta), effort=show(self.effort),
                 surplus=format_number(self.total_surplus, 3))


#: Inputs beyond this size are refused: a teaching model has no use for them and they overflow.
MAX_MAGNITUDE = 1e9


def _matrix(name: str, value: Any, n: int, allow_inf_diagonal: bool = False) -> np.ndarray:
    try:
        m = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise invalid("agency.not_a_number", field=name, value=str(value)[:60]) from None
    if m.shape != (n, n):
        raise invalid("agency.shapes", n=n, cost=name, noise=str(m.shape))
    off = m[~np.eye(n, dtype=bool)]
    diag = np.diag(m)
    if np.isnan(m).any() or not np.isfinite(off).all() or (not allow_inf_diagonal and not np.isfinite(diag).all()) \
            or np.isneginf(diag).any():
        raise invalid("agency.not_a_number", field=name, value=str(m.tolist())[:60])
    return m


def _agent(beta: np.ndarray, C: np.ndarray, t0: np.ndarray) -> np.ndarray:
    """The seller's effort: maximise ``beta't - (1/2)(t - t0)'C(t - t0)`` over ``t >= 0`` (active sets)."""
    n = beta.size
    interior = t0 + np.linalg.solve(C, beta)
    if (interior >= -1e-12).all():
        return np.maximum(interior, 0.0)
    best, best_value = np.zeros(n), -np.inf
    for k in range(1, n + 1):
        for idle in itertools.combinations(range(n), k):
            free = np.array([i for i in range(n) if i not in idle], dtype=int)
            t = np.zeros(n)
            if free.size:
                Cff = C[np.ix_(free, free)]
                t[free] = t0[free] + np.linalg.solve(Cff, beta[free] - C[np.ix_(free, list(idle))] @ (0 - t0[list(idle)]))
                if (t[free] < -1e-12).any():
                    continue
            value = beta @ t - 0.5 * (t - t0) @ C @ (t - t0)
            if value > best_value:
                best, best_value = np.maximum(t, 0.0), value
    return best


def _candidate_contracts(B: np.ndarray, C: np.ndarray, S: np.ndarray, r: float, t0: np.ndarray,
                         measured: np.ndarray):
    """Every contract that can be the optimum: one per pair (idle tasks I, tasks Z held exactly at zero).

    The total surplus is a concave quadratic in ``beta`` within each region where the same tasks are idle,
    so the optimum is a stationary point of one region, restricted to the kink ``t_Z = 0`` where it sits on
    a boundary. Each pair gives an equality-constrained quadratic programme solved by its KKT system.
    """
    n = B.size
    for labels in itertools.product((0, 1, 2), repeat=n):      # 0 free, 1 idle, 2 free but held at zero
        idle = np.array([x == 1 for x in labels])
        held = np.array([x == 2 for x in labels])
        free = ~idle
        paid = free & measured
        fa, pa = np.flatnonzero(free), np.flatnonzero(paid)
        beta = np.zeros(n)
        if not pa.size:
            if not held.any():
                yield beta
            continue
        # effort in this region: t = e + G beta_P (idle tasks at zero, free ones at their first-order condition)
        M = np.linalg.inv(C[np.ix_(fa, fa)])
        e, G = np.zeros(n), np.zeros((n, pa.size))
        e[fa] = t0[fa] + M @ (C[np.ix_(fa, np.flatnonzero(idle))] @ t0[idle])
        pos = {task: j for j, task in enumerate(fa)}
        G[fa] = M[:, [pos[i] for i in pa]]
        d = e - t0
        H = G.T @ C @ G + r * S[np.ix_(pa, pa)]
        g = G.T @ (B - C @ d)
        A = G[held]
        k = A.shape[0]
        kkt = np.block([[H, A.T], [A, np.zeros((k, k))]])
        rhs = np.concatenate([g, -e[held]])
        sol = np.linalg.lstsq(kkt, rhs, rcond=None)[0]
        beta[pa] = sol[:pa.size]
        yield beta


def multitask_optimal(benefits: Any, cost_matrix: Any, noise_cov: Any, r: float,
                      baseline: Any = None) -> MultitaskResult:
    """Holmström & Milgrom (1991) with effort that can never be negative.

    Args:
        benefits: value ``B`` of a unit of effort on each task (finite).
        cost_matrix: effort cost Hessian ``C`` (symmetric, positive definite; ``C_12 > 0``: tasks compete).
        noise_cov: covariance ``Sigma`` of the measurement noise (symmetric; a variance of ``inf`` means
            the task cannot be measured and is not paid for).
        r: the seller's risk aversion (finite, >= 0).
        baseline: effort ``t0`` per task that the seller gives unpaid (default none).

    While the seller's effort ``t0 + C^-1 beta`` is non-negative, ``beta = (I + r C Sigma)^-1 B`` on the
    measured tasks (with an unmeasured task: ``beta_M = ((C^-1)_MM + r Sigma_MM)^-1 (C^-1 B)_M``). When
    paying for one task would drive another below zero, that task gets no effort and the contract is
    solved again for the others; the best of these cases is returned.

    Example (new sales and customer care compete for time; care cannot be measured):
        >>> C, S = [[1.0, 0.5], [0.5, 1.0]], [[1.0, 0], [0, float("inf")]]
        >>> [round(float(b), 3) for b in multitask_optimal([1.0, 1.0], C, S, r=1.0, baseline=[0, 0.5]).beta]
        [0.286, 0.0]
        >>> [round(float(b), 3) for b in multitask_optimal([1.0, 1.0], C, S, r=1.0).beta]   # no care to crowd out
        [0.5, 0.0]
    """
    try:
        B = np.asarray(benefits, dtype=float).reshape(-1)
    except (TypeError, ValueError, OverflowError):
        raise invalid("agency.not_a_number", field="benefits", value=str(benefits)[:60]) from None
    n = B.size
    if n == 0 or n > MAX_TASKS:
        raise invalid("agency.too_many_tasks", value=n, limit=MAX_TASKS)
    if not np.isfinite(B).all():
        raise invalid("agency.not_a_number", field="benefits", value=str(B.tolist())[:60])
    if np.abs(B).max() > MAX_MAGNITUDE:
        raise invalid("agency.too_large_result", limit=MAX_MAGNITUDE)
    C = _matrix("cost_matrix", cost_matrix, n)
    S = _matrix("noise_cov", noise_cov, n, allow_inf_diagonal=True)
    r = _number("r", r, 0.0)
    if not np.allclose(C, C.T, rtol=1e-9, atol=1e-12) or np.any(np.linalg.eigvalsh(C) <= 0):
        raise invalid("agency.cost_not_pd")
    if baseline is None:
        t0 = np.zeros(n)
    else:
        try:
            t0 = np.asarray(baseline, dtype=float).reshape(-1)
        except (TypeError, ValueError, OverflowError):
            raise invalid("agency.baseline_invalid", n=n, value=str(baseline)[:60]) from None
        if t0.shape != (n,) or not np.isfinite(t0).all() or (t0 < 0).any():
            raise invalid("agency.baseline_invalid", n=n, value=str(baseline)[:60])
    diag = np.diag(S)
    measured = np.isfinite(diag)
    S_m = S[np.ix_(measured, measured)]
    if (diag[measured] < 0).any() or not np.allclose(S, S.T, rtol=1e-9, atol=1e-12, equal_nan=False) and \
            not np.array_equal(np.where(np.isfinite(S), S, 0), np.where(np.isfinite(S), S, 0).T):
        raise invalid("agency.noise_invalid")
    if S_m.size and (not np.allclose(S_m, S_m.T, rtol=1e-9, atol=1e-12)
                     or np.any(np.linalg.eigvalsh(S_m) < -1e-12)):
        raise invalid("agency.noise_invalid")

    def surplus(beta: np.ndarray) -> tuple[float, np.ndarray]:
        t = _agent(beta, C, t0)
        risk = 0.5 * r * float(beta[measured] @ S_m @ beta[measured]) if measured.any() else 0.0
        return float(B @ t - 0.5 * (t - t0) @ C @ (t - t0) - risk), t

    best = None
    for beta in _candidate_contracts(B, C, S, r, t0, measured):
        if not np.isfinite(beta).all():
            continue
        value, t = surplus(beta)
        if best is None or value > best[0] + 1e-12 * (1.0 + abs(value)):
            best = (value, beta, t)
    assert best is not None
    value, beta, t = best
    # guard against rounding at a kink: a short pattern search over every direction in {-1, 0, 1}^n
    paid = np.flatnonzero(measured)
    directions = [np.array(d) for d in itertools.product((-1.0, 0.0, 1.0), repeat=paid.size) if any(d)] \
        if 0 < paid.size <= 3 else [np.eye(paid.size)[i] * s for i in range(paid.size) for s in (1.0, -1.0)]
    step = 1e-6
    while step > 1e-10 and paid.size:
        improved = False
        for d in directions:
            trial = beta.copy()
            trial[paid] += step * d
            v, tt = surplus(trial)
            if v > value + 1e-13 * (1.0 + abs(value)):
                value, beta, t, improved = v, trial, tt, True
        if not improved:
            step /= 2
    if not (np.isfinite(beta).all() and np.isfinite(t).all() and np.isfinite(value)):
        # values so large that the optimum overflows (e.g. a benefit of 1e154): say so, never return inf
        raise invalid("agency.too_large_result", limit=MAX_MAGNITUDE)
    return MultitaskResult(beta, t, value)


__all__ = [
    "ABILITIES", "INTRINSIC", "PHASES", "RESPONSIVENESS", "TASK_COST", "LenResult", "MAX_TASKS", "MultitaskResult", "Phase", "SimulationResult", "UNITS", "effort_split",
    "get_phase", "len_optimal", "multitask_optimal", "phase_label", "phases", "reference_plan", "simulate_phase",
    "uniform_vs_tailored", "weighted_plan",
]
