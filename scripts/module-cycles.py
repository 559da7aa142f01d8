#!/usr/bin/env python3
"""Import cycles between the crate's modules, and imports that go up a layer (see FORBIDDEN).

A module is a file under src/ (`foo.rs` with its children in `foo/`). An edge A -> B is every path
`crate::b::...` or `super::b::...` in A that names module B (the longest path that is a file). Parent and child
declarations (`mod foo;`) are not edges. Prints every strongly connected group of more than one
module and every forbidden edge, and exits 1 if there is any.
"""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"
# (from, to): a module under `from` may not use one under `to`.
FORBIDDEN = [
    (("server",), ("pages",)),
    (("server",), ("components",)),
    (("server", "repo"), ("server", "reports")),
    (("domain",), ("server",)),
]


def module_of(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts in (["lib"], ["main"]):
        return ()
    return tuple(parts)


modules = {module_of(p): p for p in SRC.rglob("*.rs")}
PATH = re.compile(r"\b(crate|super)((?:::[a-z_][a-z0-9_]*)+)")
USE_GROUP = re.compile(r"\buse\s+(crate|super)::([a-z0-9_:]*)\{([^;]*)\};", re.S)


def target(segments):
    for length in range(len(segments), 0, -1):
        if tuple(segments[:length]) in modules:
            return tuple(segments[:length])
    return None


def strip_comments(text):
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


edges = {m: set() for m in modules}
for module, path in modules.items():
    text = strip_comments(path.read_text())
    root = lambda anchor: [] if anchor == "crate" else list(module[:-1])
    found = [root(m.group(1)) + m.group(2).strip(":").split("::") for m in PATH.finditer(text)]
    for group in USE_GROUP.finditer(text):
        prefix = root(group.group(1)) + [s for s in group.group(2).split("::") if s]
        for item in re.split(r"[,\s]+", group.group(3)):
            item = item.split("::")[0].strip("{} ")
            if re.fullmatch(r"[a-z_][a-z0-9_]*", item):
                found.append(prefix + [item] + item.split("::")[1:])
    for segments in found:
        to = target(segments)
        if to is not None and to != module and to[: len(module)] != module and module[: len(to)] != to:
            edges[module].add(to)

# Tarjan's strongly connected components, iterative.
index, low, on_stack, stack, groups, counter = {}, {}, set(), [], [], [0]
for start in modules:
    if start in index:
        continue
    work = [(start, iter(sorted(edges[start])))]
    index[start] = low[start] = counter[0]
    counter[0] += 1
    stack.append(start)
    on_stack.add(start)
    while work:
        node, children = work[-1]
        advanced = False
        for child in children:
            if child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges[child]))))
                advanced = True
                break
            if child in on_stack:
                low[node] = min(low[node], index[child])
        if advanced:
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[node])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

name = lambda m: "::".join(m) or "crate"
problems = 0
for group in groups:
    problems += 1
    members = set(group)
    print("cycle: " + ", ".join(sorted(name(m) for m in group)))
    for m in sorted(group):
        for to in sorted(edges[m] & members):
            print(f"    {name(m)} -> {name(to)}")
for module in sorted(modules):
    for to in sorted(edges[module]):
        for low_layer, high_layer in FORBIDDEN:
            if module[: len(low_layer)] == low_layer and to[: len(high_layer)] == high_layer:
                problems += 1
                print(f"upward import: {name(module)} -> {name(to)}")
if problems:
    sys.exit(1)
print(f"{len(modules)} modules, no import cycle, no upward import")
