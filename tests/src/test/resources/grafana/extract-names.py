"""Prints the metric names (and labels) the PromQL of a Grafana dashboard uses: python3 extract-names.py RabbitMQ-Overview.json

The lists in rabbitmq-overview-metrics.txt come from it; see that file's header.
"""
import json, re, sys

PROMETHEUS_SIDE = {"instance", "job", "namespace"}  # added by the scraper, not by the exporter

def expressions(dashboard):
    for v in dashboard.get("templating", {}).get("list", []):
        q = v.get("query")
        if isinstance(q, dict):
            q = q.get("query")
        if v.get("type") == "query" and q:
            yield q
    def panels(ps):
        for p in ps:
            yield p
            yield from panels(p.get("panels", []))
    for p in panels(dashboard.get("panels", [])):
        for t in p.get("targets", []):
            if t.get("expr"):
                yield t["expr"]

def names(dashboard):
    found = {}
    for e in expressions(dashboard):
        for m in re.finditer(r'\b(rabbitmq_[a-z0-9_]+)\b(\{[^}]*\})?', e):
            name, selector = m.group(1), m.group(2) or ""
            before = e[:m.start()]
            if (e[m.end():].lstrip().startswith("=") or re.search(r'(group_left|on|by)\s*\([^)]*$', before)
                    or re.search(r'label_values\([^)]*,\s*$', before)):
                continue  # a label name, not a metric
            labels = found.setdefault(name, set())
            for lm in re.finditer(r'(\w+)\s*(=~|!=|!~|=)\s*"([^"]*)"', selector):
                if lm.group(1) in PROMETHEUS_SIDE:
                    continue
                labels.add(lm.group(1) + "=" + lm.group(3) if lm.group(1) == "le" else lm.group(1))
        for m in re.finditer(r'group_left\s*\(([^)]*)\)\s*(rabbitmq_[a-z0-9_]+)', e):
            found.setdefault(m.group(2), set()).update(l.strip() for l in m.group(1).split(",") if l.strip())
        for m in re.finditer(r'label_values\(\s*(rabbitmq_[a-z0-9_]+)[^,]*,\s*(\w+)\s*\)', e):
            if m.group(2) not in PROMETHEUS_SIDE:
                found.setdefault(m.group(1), set()).add(m.group(2))
    return found

d = json.load(open(sys.argv[1]))
for name, labels in sorted(names(d).items()):
    les = sorted((l for l in labels if l.startswith("le=")), key=lambda l: float(l[3:]))
    print(" ".join([name] + les + sorted(l for l in labels if not l.startswith("le="))))
