from __future__ import annotations

import xml.etree.ElementTree as ET

from junitparser import Error, Failure, JUnitXml, Skipped, TestSuite

from aipolicy.findings import ScanResult
from aipolicy.report.junit import ERRORS_SUITE, PASSING_CASE, JunitReporter


def _parse(result: ScanResult) -> JUnitXml:
    text = JunitReporter().render(result)
    ET.fromstring(text.encode())  # well-formed XML, declaration included
    xml = JUnitXml.fromstring(text)
    assert isinstance(xml, JUnitXml)
    return xml


def _suites(xml: JUnitXml) -> dict[str, TestSuite]:
    return {str(s.name).split(":")[0]: s for s in xml}


def test_totals(scan_result: ScanResult) -> None:
    xml = _parse(scan_result)
    # 4 findings + 1 passing rule + 2 input errors; declared totals match a recount.
    assert (xml.tests, xml.failures, xml.skipped, xml.errors) == (7, 3, 2, 1)
    xml.update_statistics()  # type: ignore[no-untyped-call]
    assert (xml.tests, xml.failures, xml.skipped, xml.errors) == (7, 3, 2, 1)


def test_one_suite_per_rule_plus_errors(scan_result: ScanResult) -> None:
    suites = _suites(_parse(scan_result))
    assert set(suites) == {
        "AIP-AWS-BR-001",
        "AIP-AWS-S3-001",
        "AIP-AWS-SM-002",
        "AIP-K8S-IMG-001",
        ERRORS_SUITE,
    }
    counts = {name: (s.tests, s.failures, s.skipped, s.errors) for name, s in suites.items()}
    assert counts == {
        "AIP-AWS-BR-001": (1, 0, 0, 0),
        "AIP-AWS-S3-001": (1, 1, 0, 0),
        "AIP-AWS-SM-002": (2, 1, 1, 0),
        "AIP-K8S-IMG-001": (1, 1, 0, 0),
        ERRORS_SUITE: (2, 0, 1, 1),
    }


def test_cases_carry_the_finding(scan_result: ScanResult) -> None:
    suites = _suites(_parse(scan_result))
    (passing,) = list(suites["AIP-AWS-BR-001"])
    assert passing.name == PASSING_CASE and passing.is_passed

    cases = {c.name: c for c in suites["AIP-AWS-SM-002"]}
    (failure,) = cases["aws_sagemaker_notebook_instance.research"].result
    assert isinstance(failure, Failure)
    assert failure.type == "HIGH"
    assert "location: ml/main.tf:12" in (failure.text or "")
    assert 'remediation: Set root_access = "Disabled".' in (failure.text or "")
    (skipped,) = cases["aws_sagemaker_notebook_instance.sandbox"].result
    assert isinstance(skipped, Skipped)
    assert (skipped.message or "").startswith("waived: Sandbox account")

    errors = {c.name: c.result[0] for c in suites[ERRORS_SUITE]}
    assert isinstance(errors["ml/broken.tf"], Error)
    assert isinstance(errors["policies"], Skipped)


def test_clean_scan_is_all_passing(clean_result: ScanResult) -> None:
    xml = _parse(clean_result)
    assert (xml.tests, xml.failures, xml.skipped, xml.errors) == (1, 0, 0, 0)


def test_characters_xml_cannot_carry_are_replaced(scan_result: ScanResult) -> None:
    scan_result.findings[2].message = "bad\x00byte\x1b"
    xml = _parse(scan_result)
    case = next(iter(_suites(xml)["AIP-AWS-S3-001"]))
    assert case.result[0].message == "bad\ufffdbyte\ufffd"
