#!/usr/bin/env python3
"""Every exam scenario starts on or after the launch of each AWS feature it uses:
a learner must never see a feature at work before AWS launched it.
Launch dates: the ACM user guide's document history
(https://docs.aws.amazon.com/acm/latest/userguide/dochistory.html) and the AWS
News Blog of 2025-06-17 for exportable public certificates."""
import json
import pathlib
import sys

LAUNCHES = [
    ('"Export": "ENABLED"', "2025-06-17", "exportable public certificates"),
    ("acm:ExportCertificate", "2025-06-17", "ExportCertificate of public certificates"),
    ("acm:RevokeCertificate", "2025-06-17", "RevokeCertificate"),
    ('"ValidationMethod": "HTTP"', "2025-04-24", "HTTP validation"),
    ("EC_prime256v1", "2022-11-08", "ECDSA keys for public certificates"),
    ("EC_secp384r1", "2022-11-08", "ECDSA keys for public certificates"),
    ("PutAccountConfiguration", "2021-03-03", "expiry events configuration"),
    ("Renewal Action Required", "2022-10-27", "the Renewal Action Required event"),
    ("ACM Certificate Expired", "2022-10-27", "the Expired event"),
    ("ACM Certificate Available", "2022-10-27", "the Available event"),
    ("acm:SearchCertificates", "2026-03-31", "SearchCertificates"),
]

root = pathlib.Path(sys.argv[1])
problems = []
files = sorted((root / "scenarios" / "exam").glob("*.json"))
for f in files:
    text = f.read_text(encoding="utf-8")
    start = json.loads(text).get("start", "2026-01-01T00:00:00Z")[:10]
    for needle, launched, what in LAUNCHES:
        if needle in text and start < launched:
            problems.append(f"{f.relative_to(root)}: starts {start} but uses {what}, launched {launched}")
for p in problems:
    print(p)
if not files:
    print("no exam scenarios found")
    sys.exit(1)
sys.exit(1 if problems else 0)
