package hbasemapper.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One timed part: wall clock and the JVM process's CPU time (every thread: the workload's, the
 * JIT compilers', GC), like the TS runner's process.cpuUsage() and the Python runner's getrusage.
 */
final class Measurement {
  /** Linux's USER_HZ: /proc/self/stat counts CPU time in these ticks on every common platform. */
  private static final double TICKS_PER_SECOND = 100.0;
  /** Markers around the timed part, for bench/lib/run-one.mjs (which sets the variable). */
  private static final boolean MARKERS = "1".equals(System.getenv("BENCH_TIMED_MARKERS"));

  /** One pass of a workload: does its `n` operations, returns how many it did. */
  interface Pass {
    long run(int pass) throws Exception;
  }

  long ops;
  int passes;
  final String unit;
  double seconds;
  double cpuUserSeconds;
  double cpuSystemSeconds;
  Map<String, Long> check;

  private Measurement(String unit) {
    this.unit = unit;
  }

  /**
   * Times passes of a workload, repeated until `minSeconds` have passed (at least one), like the
   * TS runner's timedPasses; `check` (may be null) is reported as `check`. The markers on stderr
   * let the orchestrator read the servers' CPU time around exactly this part.
   */
  static Measurement timed(double minSeconds, String unit, Pass pass, Supplier<Map<String, Long>> check)
      throws Exception {
    Measurement m = new Measurement(unit);
    if (MARKERS) System.err.println("@timed-start");
    long cpu0 = processCpuNanos();
    double system0 = systemTicks();
    long start = System.nanoTime();
    long limit = start + (long) (minSeconds * 1e9);
    do m.ops += pass.run(m.passes++);
    while (System.nanoTime() < limit);
    m.seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    // The total comes from the JVM (nanoseconds); only its split uses /proc's 10 ms ticks.
    m.cpuSystemSeconds = Math.min(cpu, (systemTicks() - system0) / TICKS_PER_SECOND);
    m.cpuUserSeconds = cpu - m.cpuSystemSeconds;
    if (MARKERS) System.err.println("@timed-end");
    m.check = check == null ? null : check.get();
    return m;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** stime of /proc/self/stat (field 15; the command name in field 2 may hold spaces). */
  private static double systemTicks() throws IOException {
    String stat = new String(Files.readAllBytes(Paths.get("/proc/self/stat")));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[12]);
  }

  /** The process's peak resident memory (VmHWM), the same figure as ru_maxrss on Linux. */
  static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    return 0;
  }

  /** The runner's JSON line (the shape bench/run.mjs collects from every runner). */
  String toJson(String lib, String workload, String runtime) throws IOException {
    StringBuilder json = new StringBuilder("{\"lib\":\"").append(lib).append('"');
    json.append(",\"workload\":\"").append(workload).append('"');
    json.append(",\"ops\":").append(ops);
    json.append(",\"unit\":\"").append(unit).append('"');
    json.append(",\"passes\":").append(passes);
    json.append(",\"seconds\":").append(seconds);
    json.append(",\"cpuUserSeconds\":").append(cpuUserSeconds);
    json.append(",\"cpuSystemSeconds\":").append(cpuSystemSeconds);
    if (check != null) {
      json.append(",\"check\":{");
      String comma = "";
      for (Map.Entry<String, Long> e : check.entrySet()) {
        json.append(comma).append('"').append(e.getKey()).append("\":").append(e.getValue());
        comma = ",";
      }
      json.append('}');
    }
    json.append(",\"peakRssKb\":").append(peakRssKb());
    json.append(",\"runtime\":\"").append(runtime.replace("\"", "'")).append("\"}");
    return json.toString();
  }
}
