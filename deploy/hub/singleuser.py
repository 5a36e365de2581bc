"""Start a learner's server (jupyterhub-singleuser), minus one slow optional import.

jsonschema loads the optional ``rfc3987_syntax`` package to check the "iri" string format; that
package builds a full Earley grammar when imported, which costs 2 CPU-seconds on a quiet machine
(up to 9 s when a class starts 30 servers on 2 cores) in every learner's server, and the server
never validates an IRI. jsonschema skips the check when the package cannot be imported, so we
make it unimportable in this process only; kernels and everything else are unchanged.
"""
import sys

sys.modules.setdefault("rfc3987_syntax", None)  # `import rfc3987_syntax` now raises ImportError

from jupyterhub.singleuser import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
