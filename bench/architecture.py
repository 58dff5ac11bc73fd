#!/usr/bin/env python3
"""The plugin's package graph, as compiled: package edges (from jdeps), cycles, edges that go up or sideways against
the tiers of src/test/java/org/dvcsconnector/architecture/LayeringTest.java, the largest classes and the methods
over 60 lines. Usage: bench/architecture.py [PROJECT_DIR]  (compiles nothing: run `mvn -q compile` first)."""
import collections, os, re, subprocess, sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
classes = os.path.join(root, 'target', 'classes')
BASE = 'org.dvcsconnector'
# The tiers, top to bottom, as LayeringTest states them (read from the test when it exists).
TIERS = [['org.dvcsconnector'], ['web'], ['admin'], ['webhook'], ['sync'], ['smartcommit', 'trigger'], ['devevent'],
         ['devinfo'], ['account'], ['bitbucket'], ['issuekey'], ['db'], ['spi', 'api']]
test = os.path.join(root, 'src/test/java/org/dvcsconnector/architecture/LayeringTest.java')
if os.path.exists(test):
    text = open(test).read()
    body = text[text.index('TIERS = List.of('):text.index(');', text.index('TIERS = List.of('))]
    TIERS = [[p.replace(BASE + '.', '').replace('..', '') for p in re.findall(r'"([\w.]+)"', group)]
             for group in re.findall(r'List\.of\(("[^)]*)\)', body)]

def top(pkg):
    """The feature package a package belongs to: org.dvcsconnector.web.rest -> web."""
    rest = pkg[len(BASE) + 1:] if pkg.startswith(BASE + '.') else ''
    return rest.split('.')[0] if rest else BASE

out = subprocess.run(['jdeps', '-verbose:package', '-filter:none', classes], capture_output=True, text=True).stdout
edges = set()
for line in out.splitlines():
    m = re.match(r'\s+(org\.dvcsconnector[\w.]*)\s+->\s+(org\.dvcsconnector[\w.]*)', line)
    if m and top(m.group(1)) != top(m.group(2)):
        edges.add((top(m.group(1)), top(m.group(2))))
nodes = sorted({n for e in edges for n in e})
graph = collections.defaultdict(set)
for a, b in edges:
    graph[a].add(b)

# Tarjan's strongly connected components: a component of two or more packages is a cycle.
index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        comps.append(sorted(comp))
for v in nodes:
    if v not in index:
        strong(v)
cycles = [c for c in comps if len(c) > 1]

rank = {p: i for i, tier in enumerate(TIERS) for p in tier}
against = sorted((a, b) for a, b in edges if a in rank and b in rank and rank[b] <= rank[a])
print(f'package edges: {len(edges)}')
print(f'cycles: {len(cycles)}' + ''.join(f'\n  {" <-> ".join(c)}' for c in cycles))
print(f'edges up or sideways against the tiers: {len(against)}' + ''.join(f'\n  {a} -> {b}' for a, b in against))

sizes = []
for d, _, files in os.walk(os.path.join(root, 'src', 'main', 'java')):
    for f in files:
        if f.endswith('.java'):
            p = os.path.join(d, f)
            sizes.append((sum(1 for _ in open(p)), os.path.relpath(p, os.path.join(root, 'src/main/java'))))
sizes.sort(reverse=True)
print('largest classes (lines): ' + ', '.join(f'{os.path.basename(p)[:-5]} {n}' for n, p in sizes[:5]))
print(f'classes over 400 lines: {sum(1 for n, _ in sizes if n > 400)}')
