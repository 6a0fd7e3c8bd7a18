"""The CISA/NCSC guideline principles and policy categories: ids are a contract (GUIDELINES.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principle:
    id: str
    section: str
    title: str
    attestation_only: bool = False


SECTIONS: dict[str, str] = {
    "design": "1 Secure design",
    "development": "2 Secure development",
    "deployment": "3 Secure deployment",
    "operation": "4 Secure operation and maintenance",
}

PRINCIPLES: tuple[Principle, ...] = (
    Principle("design/awareness", SECTIONS["design"], "Raise staff awareness of threats and risks", True),
    Principle("design/threat-model", SECTIONS["design"], "Model the threats to your system"),
    Principle(
        "design/secure-by-design",
        SECTIONS["design"],
        "Design your system for security as well as functionality and performance",
    ),
    Principle(
        "design/model-selection",
        SECTIONS["design"],
        "Consider security benefits and trade-offs when selecting your AI model",
    ),
    Principle("development/supply-chain", SECTIONS["development"], "Secure your supply chain"),
    Principle("development/assets", SECTIONS["development"], "Identify, track, and protect your assets"),
    Principle(
        "development/documentation", SECTIONS["development"], "Document your data, models, and prompts"
    ),
    Principle("development/technical-debt", SECTIONS["development"], "Manage your technical debt"),
    Principle("deployment/infrastructure", SECTIONS["deployment"], "Secure your infrastructure"),
    Principle("deployment/model-protection", SECTIONS["deployment"], "Protect your model continuously"),
    Principle(
        "deployment/incident-management", SECTIONS["deployment"], "Develop incident management procedures"
    ),
    Principle("deployment/responsible-release", SECTIONS["deployment"], "Release AI responsibly"),
    Principle(
        "deployment/secure-defaults", SECTIONS["deployment"], "Make it easy for users to do the right things"
    ),
    Principle("operation/monitor-behaviour", SECTIONS["operation"], "Monitor your system's behaviour"),
    Principle("operation/monitor-inputs", SECTIONS["operation"], "Monitor your system's inputs"),
    Principle(
        "operation/secure-updates",
        SECTIONS["operation"],
        "Follow a secure-by-design approach to updates",
    ),
    Principle("operation/lessons-learned", SECTIONS["operation"], "Collect and share lessons learned", True),
)

PRINCIPLES_BY_ID: dict[str, Principle] = {p.id: p for p in PRINCIPLES}

CATEGORIES: tuple[str, ...] = (
    "access-control",
    "encryption",
    "updates",
    "logging",
    "network",
    "supply-chain",
    "resilience",
)

SEVERITIES: tuple[str, ...] = ("LOW", "MEDIUM", "HIGH", "CRITICAL")


def severity_rank(severity: str) -> int:
    """Order severities so thresholds compare as numbers (LOW=0 .. CRITICAL=3)."""
    return SEVERITIES.index(severity.upper())


def section_of(principle_id: str) -> str:
    """The guideline section a principle id belongs to (its prefix)."""
    return SECTIONS[principle_id.split("/", 1)[0]]
