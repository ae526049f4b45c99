#!/usr/bin/env python3
"""Lists functions over 80 lines (the size rule of docs/architecture.md): a body is a
line "{" at column 0 to the next "}" at column 0. Usage: tools/long_functions.py core ui app"""
import os
import sys
# Approximate: a function body starts at a line ending with '{' at column 0 after a signature line, ends at '}' at column 0.
res=[]
for top in sys.argv[1:]:
    for dp,_,fs in os.walk(top):
        for f in fs:
            if not f.endswith('.cpp'): continue
            p=os.path.join(dp,f); L=open(p,errors='ignore').read().split('\n')
            start=None
            for i,l in enumerate(L):
                if l=='{' and start is None:
                    start=i; sig=L[i-1].strip()
                elif l.startswith('}') and start is not None:
                    n=i-start-1
                    if n>80: res.append((n,p,sig[:80]))
                    start=None
for n,p,s in sorted(res,reverse=True): print(n,p,s)
