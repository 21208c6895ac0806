"""python -m glossary check | json [--terms DIR]"""

import sys

from glossary.cli import main

sys.exit(main())
