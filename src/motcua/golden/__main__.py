"""``python -m motcua.golden``: rewrite the shipped golden files from this release's code."""

from motcua.golden import write

for path in write():
    print(path)
