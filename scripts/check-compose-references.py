"""The references of compose/docker-compose.yml that `docker-compose config` cannot check without
an engine (see scripts/check-compose.sh): reads the normalised file on stdin, exits 1 with one
line per problem."""
import os
import sys

import yaml

config = yaml.safe_load(sys.stdin)
ports = dict(item.split("=") for item in os.environ["PORTS"].split())
package = open("Package.swift", encoding="utf-8").read()
sources = ""
for top in ("Shared", "Services"):
    for folder, _, names in os.walk(top):
        for name in names:
            if name.endswith(".swift"):
                with open(os.path.join(folder, name), encoding="utf-8") as file:
                    sources += file.read()

problems = []
for name, service in config["services"].items():
    build = service.get("build")
    if build:
        context = build["context"]
        dockerfile = build.get("dockerfile", "Dockerfile")
        if not os.path.isdir(context):
            problems.append(f"{name}: build context {context} does not exist")
        elif not os.path.isfile(os.path.join(context, dockerfile)):
            problems.append(f"{name}: {dockerfile} does not exist in {context}")
    environment = service.get("environment", {})
    for key in environment:
        if key.startswith("ARIANNA_") and f'"{key}"' not in sources:
            problems.append(f"{name}: {key} is not read by any service")
    if name == "kafka":
        continue
    if name not in ports:
        problems.append(f"{name}: not one of the five services (scripts/env.sh)")
        continue
    executable = (service.get("command") or [""])[0]
    if executable != f"arianna-{name}" or f'"{executable}"' not in package:
        problems.append(f"{name}: command {executable!r} is not the executable arianna-{name} of Package.swift")
    published = [str(port.get("target")) for port in service.get("ports", [])]
    if published != [ports[name]] or str(environment.get("PORT")) != ports[name]:
        problems.append(f"{name}: publishes {published} with PORT={environment.get('PORT')}, "
                        f"but the service listens on {ports[name]}")
missing = set(ports) - set(config["services"])
if missing:
    problems.append(f"services missing from the file: {sorted(missing)}")
for problem in problems:
    print("check-compose:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
