"""Try pydifact on every real .edi sample (run by hand: pip install pydifact; python bench/pydifact_trial.py).

Recorded result: bench/results/pydifact_trial.txt (pydifact 0.2.3). Kept to show why waystation has
its own tokenizer; see docs/formats.md.
"""

import glob
import os
import re
import warnings

from pydifact.parser import Parser  # type: ignore[import-not-found]

warnings.simplefilter("ignore")
SAMPLES = os.environ.get("WAYSTATION_SAMPLES", "../shared/data/api-samples")

for path in sorted(glob.glob(os.path.join(SAMPLES, "*.edi"))):
    name = os.path.basename(path)
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    try:
        segments = list(Parser().parse(text))
    except Exception as exc:
        print(f"{name:32} EXC {type(exc).__name__}: {str(exc)[:90]}")
        continue
    bad = [s.tag for s in segments if not re.fullmatch(r"[A-Z]{3}", s.tag)]
    print(f"{name:32} ok segments={len(segments):4} bad_tags={len(bad)}")
