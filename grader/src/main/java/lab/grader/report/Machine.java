package lab.grader.report;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where and when a grading run happened, for the report page's header: a reader judging noisy
 * timings needs the cores the JVM saw and how busy the machine was while the checks ran.
 *
 * @param date when the run ended (ISO local date and time with offset)
 * @param kitVersion the kit's version ({@code -Dlab.kit.version}, set by the poms)
 * @param jdk the JDK that ran the grader (version and vendor)
 * @param cores the processors the JVM saw
 * @param loadLow the lowest 1-minute load average seen during grading (negative: not available on this OS)
 * @param loadHigh the highest
 */
public record Machine(String date, String kitVersion, String jdk, int cores, double loadLow, double loadHigh) {

    /** Nothing known (reports made from results alone). */
    public static final Machine UNKNOWN = new Machine("", "", "", 0, -1, -1);

    /** Samples the machine's load average while a run goes on: at its start, after each exercise, at its end. */
    public static final class LoadWatch {
        private double low = Double.MAX_VALUE;
        private double high = -1;

        public LoadWatch() {
            sample();
        }

        /** Takes one sample of the 1-minute load average (where the OS gives one). */
        public synchronized void sample() {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (load >= 0) {
                low = Math.min(low, load);
                high = Math.max(high, load);
            }
        }

        /** The machine now, with the load seen since the watch started. */
        public synchronized Machine machine() {
            sample();
            return new Machine(ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), currentKitVersion(),
                    Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
                    Runtime.getRuntime().availableProcessors(), high < 0 ? -1 : low, high);
        }
    }

    /** The kit's version: what the poms pass, else the jar's manifest, else "dev". */
    static String currentKitVersion() {
        String v = System.getProperty("lab.kit.version", "");
        if (v.isBlank()) {
            v = Machine.class.getPackage().getImplementationVersion();
        }
        return v == null || v.isBlank() ? "dev" : v;
    }
}
