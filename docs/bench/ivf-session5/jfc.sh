/tmp/s5/probe.sh -XX:StartFlightRecording=filename=/tmp/s5/ivf.jfr,settings=profile,+jdk.Compilation#threshold=0ms IvfBuildProbe fashion-mnist 2 1 "ivf(nlist=1024,pq=auto)" 2>&1 | grep -v "^Dec\|WARN" | tail -2
/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr print --json --events jdk.Compilation /tmp/s5/ivf.jfr > /tmp/s5/comp.json
