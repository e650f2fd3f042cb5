"""Evaluates every PromQL expression of a Grafana dashboard against a Prometheus server.

usage: python3 grafana-overview-check.py DASHBOARD.json PROMETHEUS_URL [RANGE]

The template variables are resolved as Grafana would (each query variable's label_values(), in
order, taking the first value; none gives the empty string), $__rate_interval becomes 1m and
$__range RANGE (default 5m). Prints one line per target: ok (with how many series), EMPTY or
ERROR, and exits 1 if any target is not ok. Used by grafana-overview-check.sh.
"""
import json
import re
import sys
import urllib.parse
import urllib.request


def get(prometheus, path, params):
    url = prometheus + path + "?" + urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def substitute(expr, variables, time_range):
    expr = expr.replace("$__rate_interval", "1m").replace("$__range", time_range)
    for name in sorted(variables, key=len, reverse=True):
        expr = expr.replace("$" + name, variables[name])
    return expr


def resolve_variables(dashboard, prometheus, time_range):
    variables = {}
    for v in dashboard.get("templating", {}).get("list", []):
        if v.get("type") != "query":
            continue
        q = v.get("query")
        q = q.get("query") if isinstance(q, dict) else q
        m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", substitute(q, variables, time_range))
        if not m:
            raise SystemExit("cannot resolve variable %s: %s" % (v.get("name"), q))
        values = get(prometheus, "/api/v1/label/%s/values" % m.group(2), {"match[]": m.group(1)})["data"]
        variables[v["name"]] = values[0] if values else ""
        print("variable %s = %r (of %s)" % (v["name"], variables[v["name"]], values))
    return variables


def panels(ps):
    for p in ps:
        yield p
        yield from panels(p.get("panels", []))


def main():
    dashboard = json.load(open(sys.argv[1]))
    prometheus = sys.argv[2].rstrip("/")
    time_range = sys.argv[3] if len(sys.argv) > 3 else "5m"
    variables = resolve_variables(dashboard, prometheus, time_range)
    bad = 0
    total = 0
    for p in panels(dashboard.get("panels", [])):
        for t in p.get("targets", []):
            if not t.get("expr"):
                continue
            total += 1
            expr = substitute(t["expr"], variables, time_range)
            try:
                answer = get(prometheus, "/api/v1/query", {"query": expr})
                result = answer["data"]["result"]
                status = "ok %d series, %s" % (len(result), result[0]["value"][1]) if result else "EMPTY"
            except Exception as e:  # a PromQL error comes back as HTTP 400 with its text
                body = e.read().decode() if hasattr(e, "read") else str(e)
                status = "ERROR " + body[:300]
            if not status.startswith("ok"):
                bad += 1
            print("%-32s %s [%s]" % (status if status.startswith("ok") else status.split(" ")[0],
                                     p.get("title"), t.get("refId", "")))
            if status.startswith("ERROR"):
                print("    " + status)
    print("%d of %d targets gave data" % (total - bad, total))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
