"""A schemathesis check (loaded through SCHEMATHESIS_HOOKS by test_schemathesis.py) that every
answer of every fuzzed operation — errors included — carries the security headers of issue 14
point 3: a Content-Security-Policy that runs no inline script and forbids framing
(`frame-ancestors`), `X-Content-Type-Options: nosniff` and a `Referrer-Policy`."""
from __future__ import annotations

import schemathesis

REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def problems(headers) -> list[str]:
    """What is wrong with one answer's headers (a case-insensitive mapping), one sentence each."""
    found = []
    policy = headers.get("Content-Security-Policy")
    if not policy:
        found.append("no Content-Security-Policy")
    else:
        directives = {}
        for part in policy.split(";"):
            words = part.split()
            if words:
                directives[words[0].lower()] = [word.lower() for word in words[1:]]
        scripts = directives.get("script-src", directives.get("default-src"))
        if scripts is None and "sandbox" not in directives:
            found.append(f"Content-Security-Policy limits no script source: {policy}")
        elif scripts is not None and ("'unsafe-inline'" in scripts or "*" in scripts):
            found.append(f"Content-Security-Policy allows inline or any script: {policy}")
        if "frame-ancestors" not in directives:
            found.append(f"Content-Security-Policy has no frame-ancestors: {policy}")
    if (headers.get("X-Content-Type-Options") or "").strip().lower() != "nosniff":
        found.append(f"X-Content-Type-Options is {headers.get('X-Content-Type-Options')!r}, not nosniff")
    if (headers.get("Referrer-Policy") or "").strip().lower() not in REFERRER_POLICIES:
        found.append(f"Referrer-Policy is {headers.get('Referrer-Policy')!r}")
    return found


@schemathesis.check
def security_headers(ctx, response, case) -> None:
    """Fails the case when its answer lacks a security header."""
    found = problems(response.headers)
    if found:
        raise AssertionError(f"{case.method} {case.formatted_path} answered {response.status_code} with: " + "; ".join(found))
