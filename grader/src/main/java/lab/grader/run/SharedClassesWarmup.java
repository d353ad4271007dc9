package lab.grader.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

/**
 * What a grading JVM does on its way to its first check, done once to record the classes it loads
 * ({@link SharedClasses}): the JUnit launcher discovers and runs a check, QuickTheories runs a property,
 * an event is written as JSON, the thread MXBean is read. It never runs in a grading JVM. One class, no
 * nested ones: it is copied alone into the archive's jar.
 */
public final class SharedClassesWarmup {

    @Test
    public void warm() throws Exception {
        QuickTheory.qt().withExamples(5).forAll(SourceDSL.integers().between(1, 8)).check(n -> n > 0);
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("type", "warm");
            json.writeNumberField("n", 1);
            json.writeEndObject();
        }
        ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(SharedClassesWarmup.class, "warm"))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build());
    }
}
