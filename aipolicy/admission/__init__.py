"""The validating admission webhook: the policy set judging objects as the API server admits them.

`serve(options)` runs the HTTPS server (AdmissionReview v1 on POST /validate, /healthz, /readyz,
/metrics); `admission_manifests(...)` renders what deploys it. Heavy imports stay in the submodules
so `aipolicy --help` does not pay for them.
"""

from __future__ import annotations

from aipolicy.admission.options import MODES, AdmissionOptions

__all__ = ["MODES", "AdmissionOptions"]
